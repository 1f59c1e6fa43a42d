// jemalloc's options, compiled into the rasad binary (jemalloc reads `malloc_conf` before main;
// MALLOC_CONF in the environment still overrides it). Linked only where jemalloc is.
//
// Transparent huge pages for jemalloc's extents and its metadata: a long document's analysis
// holds hundreds of megabytes of small allocations (tokens and their strings), and with 4 KiB
// pages the first touch of every page was a page fault: about 130,000 on 8 MB of Arabic without
// punctuation, a sixth of the run (docs/PERFORMANCE.md). Where the kernel's THP mode is "never"
// the advice is ignored.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
