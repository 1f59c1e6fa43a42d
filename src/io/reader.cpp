#include "io/reader.h"

#include <lzma.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "io/encoding.h"
#include "io/html.h"
#include "io/jsonl.h"

namespace rasad::io {

namespace {

namespace fs = std::filesystem;

constexpr size_t kChunk = size_t{1} << 20;
constexpr uint64_t kMaxErrorsPerFile = 100;

// --- byte sources ---------------------------------------------------------------------------

// A forward-only stream of bytes; read() returns 0 at the end or on error (then error() says why).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual size_t read(char* buffer, size_t size) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

class FileSource final : public ByteSource {
 public:
  // Takes ownership of `file` unless it is stdin.
  explicit FileSource(std::FILE* file) : file_(file) {}
  ~FileSource() override {
    if (file_ && file_ != stdin) std::fclose(file_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  size_t read(char* buffer, size_t size) override {
    const size_t n = std::fread(buffer, 1, size, file_);
    if (n < size && std::ferror(file_)) error_ = std::string("read error: ") + std::strerror(errno);
    return n;
  }

 private:
  std::FILE* file_;
};

// Decompresses .xz (and concatenated .xz streams) while reading, so a 1 GB corpus never sits
// in memory whole.
class XzSource final : public ByteSource {
 public:
  explicit XzSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)), in_(kChunk) {
    const lzma_ret ret = lzma_stream_decoder(&stream_, UINT64_MAX, LZMA_CONCATENATED);
    if (ret != LZMA_OK) error_ = "cannot initialise the xz decoder";
  }
  ~XzSource() override { lzma_end(&stream_); }
  XzSource(const XzSource&) = delete;
  XzSource& operator=(const XzSource&) = delete;

  size_t read(char* buffer, size_t size) override {
    if (!error_.empty() || done_) return 0;
    stream_.next_out = reinterpret_cast<uint8_t*>(buffer);
    stream_.avail_out = size;
    while (stream_.avail_out > 0) {
      if (stream_.avail_in == 0 && !input_ended_) {
        const size_t n = inner_->read(in_.data(), in_.size());
        if (!inner_->error().empty()) {
          error_ = inner_->error();
          break;
        }
        if (n == 0) input_ended_ = true;
        stream_.next_in = reinterpret_cast<const uint8_t*>(in_.data());
        stream_.avail_in = n;
      }
      const lzma_ret ret = lzma_code(&stream_, input_ended_ ? LZMA_FINISH : LZMA_RUN);
      if (ret == LZMA_STREAM_END) {
        done_ = true;
        break;
      }
      if (ret != LZMA_OK) {
        error_ = describe(ret);
        break;
      }
    }
    return size - stream_.avail_out;
  }

 private:
  static std::string describe(lzma_ret ret) {
    switch (ret) {
      case LZMA_FORMAT_ERROR:
        return "not in .xz format";
      case LZMA_DATA_ERROR:
        return "corrupt .xz data";
      case LZMA_BUF_ERROR:
        return "truncated .xz data";
      case LZMA_MEM_ERROR:
        return "out of memory while decompressing .xz";
      case LZMA_OPTIONS_ERROR:
        return "unsupported .xz options";
      default:
        return "xz decompression failed (code " + std::to_string(static_cast<int>(ret)) + ")";
    }
  }

  std::unique_ptr<ByteSource> inner_;
  lzma_stream stream_ = LZMA_STREAM_INIT;
  std::vector<char> in_;
  bool input_ended_ = false;
  bool done_ = false;
};

// --- formats --------------------------------------------------------------------------------

enum class Format { unknown, text, jsonl, html };

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

Format format_from_name(const std::string& name) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (ends_with(name, ext)) return Format::jsonl;
  }
  for (std::string_view ext : {".html", ".htm", ".xhtml"}) {
    if (ends_with(name, ext)) return Format::html;
  }
  return Format::unknown;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }) != haystack.end();
}

// Judges by the first bytes when the name says nothing.
Format format_from_content(std::string_view head) {
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) ++i;
  if (i < head.size() && head[i] == '{') return Format::jsonl;
  if (i < head.size() && head[i] == '<') {
    const std::string_view rest = head.substr(i, 8192);
    if (contains_ci(rest, "<html") || contains_ci(rest, "<body") || contains_ci(rest, "<p")) return Format::html;
  }
  return Format::text;
}

const char* format_name(Format f) {
  switch (f) {
    case Format::jsonl:
      return "jsonl";
    case Format::html:
      return "html";
    default:
      return "text";
  }
}

// --- one input ------------------------------------------------------------------------------

class InputReader {
 public:
  InputReader(const ReadOptions& options, const DocumentCallback& on_document, const DiagnosticCallback& on_diagnostic)
      : options_(options), on_document_(on_document), on_diagnostic_(on_diagnostic) {}

  uint64_t delivered() const { return delivered_; }

  void read_path(const std::string& path) {
    if (path == "-") {
      read_stream(path, "stdin", std::make_unique<FileSource>(stdin), std::nullopt);
      return;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec) {
      report(path, 0, Severity::error, "cannot open: " + ec.message());
      return;
    }
    if (fs::is_directory(status)) {
      read_directory(path);
      return;
    }
    read_file(path, status);
  }

 private:
  void report(const std::string& file, uint64_t line, Severity severity, std::string message) {
    on_diagnostic_(Diagnostic{file, line, severity, std::move(message)});
  }

  void deliver(Document&& doc) {
    for (const std::string& w : doc.warnings) report(doc.path, doc.line, Severity::warning, w);
    ++delivered_;
    on_document_(std::move(doc));
  }

  void read_directory(const std::string& dir) {
    std::vector<fs::path> entries;
    std::error_code ec;
    // No skip_permission_denied: an unreadable directory is reported like an unreadable file.
    fs::directory_iterator it(dir, ec);
    if (ec) {
      report(dir, 0, Severity::error, "cannot read directory: " + ec.message());
      return;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) {
        report(dir, 0, Severity::error, "cannot list directory: " + ec.message());
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      const std::string path = entry.string();
      // Symbolic links to directories are not followed: they can form cycles.
      const fs::file_status link = fs::symlink_status(entry, ec);
      if (ec) {
        report(path, 0, Severity::error, "cannot stat: " + ec.message());
        continue;
      }
      if (fs::is_directory(link)) {
        read_directory(path);
        continue;
      }
      const fs::file_status status = fs::status(entry, ec);
      if (ec) {
        report(path, 0, Severity::error, "cannot open: " + ec.message());
        continue;
      }
      if (fs::is_directory(status)) continue;
      if (!fs::is_regular_file(status)) {
        report(path, 0, Severity::note, "not a regular file, skipped");
        continue;
      }
      read_file(path, status);
    }
  }

  void read_file(const std::string& path, const fs::file_status& status) {
    std::string name = fs::path(path).filename().string();
    const bool xz = ends_with(name, ".xz");
    if (xz) name.resize(name.size() - 3);
    const Format by_name = format_from_name(name);
    std::optional<uint64_t> size;
    if (fs::is_regular_file(status) && !xz) {
      std::error_code ec;
      const uint64_t s = fs::file_size(path, ec);
      if (!ec) size = s;
    }
    // Only JSON Lines is streamed; everything else is held whole, so its size is capped.
    if (size && by_name != Format::jsonl && *size > options_.max_file_bytes) {
      std::FILE* peek = std::fopen(path.c_str(), "rb");
      char head[512];
      const size_t n = peek ? std::fread(head, 1, sizeof head, peek) : 0;
      if (peek) std::fclose(peek);
      if (by_name != Format::unknown || format_from_content(std::string_view(head, n)) != Format::jsonl) {
        report(path, 0, Severity::error, too_large(*size));
        return;
      }
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
      report(path, 0, Severity::error, std::string("cannot open: ") + std::strerror(errno));
      return;
    }
    std::unique_ptr<ByteSource> source = std::make_unique<FileSource>(file);
    if (xz) source = std::make_unique<XzSource>(std::move(source));
    read_stream(path, fs::path(name).stem().string(), std::move(source), by_name);
  }

  std::string too_large(uint64_t size) const {
    return "file too large (" + std::to_string(size) + " bytes, limit " + std::to_string(options_.max_file_bytes) +
           "), skipped";
  }

  // Reads from `source`; `format` is known from the name or judged from the first chunk.
  void read_stream(const std::string& path, const std::string& id, std::unique_ptr<ByteSource> source,
                   std::optional<Format> format) {
    std::string buffer(kChunk, '\0');
    size_t n = source->read(buffer.data(), buffer.size());
    buffer.resize(n);
    Format f = format.value_or(Format::unknown);
    if (f == Format::unknown) f = format_from_content(buffer);
    if (f == Format::jsonl) {
      read_jsonl(path, *source, std::move(buffer));
      return;
    }
    // Whole-document formats: read the rest, within the size limit.
    while (n > 0) {
      if (buffer.size() > options_.max_file_bytes) {
        report(path, 0, Severity::error,
               "file too large (more than " + std::to_string(options_.max_file_bytes) + " bytes, the limit), skipped");
        return;
      }
      const size_t old = buffer.size();
      buffer.resize(old + kChunk);
      n = source->read(buffer.data() + old, kChunk);
      buffer.resize(old + n);
    }
    if (buffer.size() > options_.max_file_bytes) {
      report(path, 0, Severity::error, too_large(buffer.size()));
      return;
    }
    if (!source->error().empty()) {
      report(path, 0, Severity::error, source->error());
      return;
    }
    read_whole(path, id, f, buffer);
  }

  void read_whole(const std::string& path, const std::string& id, Format f, std::string_view bytes) {
    Document doc;
    doc.id = id;
    doc.path = path;
    doc.format = format_name(f);
    std::string declared;
    if (f == Format::html) declared = sniff_html_charset(bytes);
    Result<Decoded> decoded = decode_to_utf8(bytes, declared);
    if (!decoded) {
      report(path, 0, Severity::error, decoded.error());
      return;
    }
    doc.encoding = std::move(decoded->encoding);
    doc.warnings = std::move(decoded->warnings);
    if (f == Format::html) {
      HtmlExtract page = extract_html(decoded->text);
      if (!page.problem.empty()) {
        report(path, 0, Severity::error, page.problem + ", skipped");
        return;
      }
      if (page.text.empty()) {
        report(path, 0, Severity::error, "no main text found in the HTML page, skipped");
        return;
      }
      doc.text = std::move(page.text);
      doc.title = std::move(page.title);
      doc.date = std::move(page.date);
      doc.url = std::move(page.url);
      doc.source = std::move(page.source);
      doc.lang = std::move(page.lang);
    } else {
      doc.text = std::move(decoded->text);
    }
    deliver(std::move(doc));
  }

  // Splits the stream into lines chunk by chunk; a line longer than max_record_bytes is
  // reported and skipped without being buffered.
  void read_jsonl(const std::string& path, ByteSource& source, std::string buffer) {
    uint64_t line_no = 0;
    uint64_t errors = 0;
    uint64_t suppressed = 0;
    bool any_record = false;
    std::string line;
    bool overlong = false;
    auto record_error = [&](uint64_t at, std::string message) {
      if (++errors <= kMaxErrorsPerFile) {
        report(path, at, Severity::error, std::move(message));
      } else {
        ++suppressed;
      }
    };
    auto finish_line = [&]() {
      ++line_no;
      if (overlong) {
        record_error(line_no, "record longer than " + std::to_string(options_.max_record_bytes) + " bytes, skipped");
      } else {
        any_record |= handle_record(path, line_no, line, record_error);
      }
      line.clear();
      overlong = false;
    };
    for (;;) {
      std::string_view chunk(buffer);
      while (!chunk.empty()) {
        const size_t nl = chunk.find('\n');
        const std::string_view piece = chunk.substr(0, nl);
        if (!overlong) {
          if (line.size() + piece.size() > options_.max_record_bytes) {
            overlong = true;
            line.clear();
          } else {
            line.append(piece);
          }
        }
        if (nl == std::string_view::npos) break;
        finish_line();
        chunk.remove_prefix(nl + 1);
      }
      buffer.resize(kChunk);
      const size_t n = source.read(buffer.data(), buffer.size());
      buffer.resize(n);
      if (n == 0) break;
    }
    // A line cut off by a read error is not a record; the error below says what happened.
    if ((!line.empty() || overlong) && source.error().empty()) finish_line();
    if (!source.error().empty()) {
      report(path, line_no, Severity::error, source.error() + " (stopped after line " + std::to_string(line_no) + ")");
    }
    if (!any_record && source.error().empty()) report(path, 0, Severity::error, "empty file, skipped");
    if (suppressed > 0) {
      on_diagnostic_(Diagnostic{path, 0, Severity::error,
                                std::to_string(suppressed) + " more bad records in this file not reported", suppressed});
    }
  }

  // Returns false for a blank line.
  template <class OnError>
  bool handle_record(const std::string& path, uint64_t line_no, std::string_view line, OnError& on_error) {
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    bool blank = true;
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
        blank = false;
        break;
      }
    }
    if (blank) return false;
    Result<Document> parsed = parse_jsonl_record(line);
    if (!parsed) {
      on_error(line_no, parsed.error());
      return true;
    }
    Document doc = std::move(parsed.value());
    doc.path = path;
    doc.line = line_no;
    deliver(std::move(doc));
    return true;
  }

  const ReadOptions& options_;
  const DocumentCallback& on_document_;
  const DiagnosticCallback& on_diagnostic_;
  uint64_t delivered_ = 0;
};

}  // namespace

uint64_t read_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                    const DocumentCallback& on_document, const DiagnosticCallback& on_diagnostic) {
  InputReader reader(options, on_document, on_diagnostic);
  for (const std::string& path : paths) reader.read_path(path);
  return reader.delivered();
}

}  // namespace rasad::io
