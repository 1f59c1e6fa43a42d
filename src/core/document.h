#pragma once
// A Document is what a reader produced: immutable UTF-8 text plus the metadata that came with it.
// Every span any later stage reports is a byte range into `text`. For a plain-text file that is
// valid UTF-8 without a byte-order mark, `text` is the file byte for byte; otherwise it is the file
// decoded to UTF-8 (see `encoding`), the JSON string of a JSON Lines record, or the main text
// extracted from an HTML page.
#include <cstdint>
#include <string>
#include <vector>

namespace rasad {

struct Document {
  std::string id;
  std::string text;

  // Metadata as given by the input (empty when absent). `date` is kept raw; the text layer parses it.
  std::string lang;
  std::string date;
  std::string url;
  std::string title;
  std::string source;

  // Where it came from.
  std::string path;        // file path, "-" for standard input
  uint64_t line = 0;       // line number within a JSON Lines file, 0 otherwise
  std::string format;      // "text", "jsonl" or "html"
  std::string encoding;    // encoding the bytes were decoded from, e.g. "UTF-8", "windows-1256"

  // What the reader noticed but could recover from (invalid bytes replaced, BOM dropped, ...).
  std::vector<std::string> warnings;
};

}  // namespace rasad
