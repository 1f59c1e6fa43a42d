"""The multi-class averaged perceptron the learned attacher and the trigger tagger are fitted with:
a fixed number of epochs over the rows in a seeded shuffled order, mistakes moving the gold label's
weights up and the predicted one's down, weights averaged over every step (lazily: a weight's
running total is brought up to date only when it changes)."""
import random


def train(rows, n, epochs, seed):
    """rows: [(features, gold label index)], n labels; {feature: [averaged weight per label]}."""
    w, total, stamp = {}, {}, {}
    c = 1

    def update(f, k, delta):
        if f not in w:
            w[f], total[f], stamp[f] = [0.0] * n, [0.0] * n, [0] * n
        total[f][k] += (c - stamp[f][k]) * w[f][k]
        stamp[f][k] = c
        w[f][k] += delta

    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, gold = rows[i]
            s = scores(w, feats, n)
            pred = s.index(max(s))  # the first of equal scores
            if pred != gold:
                for f in feats:
                    update(f, gold, 1.0)
                    update(f, pred, -1.0)
            c += 1
    return {f: [(total[f][k] + (c - stamp[f][k]) * ws[k]) / c for k in range(n)] for f, ws in w.items()}


def scores(w, feats, n):
    """The label scores of a row: its known features' weights summed, in feature order."""
    cols = [w[f] for f in feats if f in w]
    return [sum(x) for x in zip(*cols)] if cols else [0.0] * n


def folds(keys, n, seed):
    """key -> fold number (0..n-1): the sorted keys in a seeded shuffled order, dealt round."""
    order = sorted(set(keys))
    random.Random(seed).shuffle(order)
    return {k: i % n for i, k in enumerate(order)}
