// detente/io/csv.hpp
//
// Streaming CSV (RFC 4180: quoted fields, doubled quotes, embedded separators) on top of
// libcsv, with the line number of every record for diagnostics. Handles LF, CRLF and
// CR line endings and a leading UTF-8 byte-order mark; the separator is a parameter
// (',' ';' or '\t'). CsvTable adds a header row and typed, located field access.
//
// Example:
//   detente::io::CsvTable t = detente::io::CsvTable::read_file("positions.csv");
//   for (const auto& row : t.rows())
//     double x = t.number(row, "position");   // InputError "positions.csv:7: field 'position':
//     ..."
#pragma once

#include <cstdio>
#include <deque>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace detente::io {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // 1-based line where the record starts
};

class CsvReader {
 public:
  CsvReader(std::istream& in, std::string file_name, char separator = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Next record; false at end of input. Throws InputError on malformed quoting.
  bool next(CsvRecord& record);
  const std::string& file_name() const { return file_name_; }

  struct State;  // libcsv's parser and the records it has completed

 private:
  void feed(const char* data, std::size_t size);
  void finish();

  std::istream& in_;
  std::string file_name_;
  std::unique_ptr<State> state_;
};

// A whole CSV with a header row, for small tables (scenario positions, relations).
class CsvTable {
 public:
  static CsvTable read_file(const std::string& path, char separator = ',');
  static CsvTable read(std::istream& in, const std::string& file_name, char separator = ',');

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRecord>& rows() const { return rows_; }
  const std::string& file_name() const { return file_name_; }
  int header_line() const { return header_line_; }

  std::optional<std::size_t> column(const std::string& name) const;
  // Throws InputError naming the file and the missing column.
  std::size_t require_column(const std::string& name) const;

  // Field access by column name; empty string if the row is short.
  const std::string& text(const CsvRecord& row, const std::string& column) const;
  // Parses a finite number; throws InputError with file, line and field otherwise.
  double number(const CsvRecord& row, const std::string& column) const;
  std::optional<double> optional_number(const CsvRecord& row, const std::string& column) const;
  SourceLocation where(const CsvRecord& row, const std::string& column) const {
    return {file_name_, row.line, column};
  }

 private:
  std::string file_name_;
  std::vector<std::string> header_;
  std::vector<CsvRecord> rows_;
  int header_line_ = 0;
  char separator_ = ',';
};

// Parses a whole string as a finite double (leading/trailing blanks allowed).
std::optional<double> parse_double(std::string_view text);

// When a header read with `separator` came out as one field that holds another separator
// (a semicolon-separated export from a European spreadsheet, a tab-separated file), a
// clause naming the layout found ("; the header is semicolon-separated: …"); else "".
std::string other_separator_hint(const std::vector<std::string>& header, char separator);

// A field for CSV output: quoted (quotes doubled) when it holds a comma, quote or newline.
std::string csv_quote(std::string_view field);

}  // namespace detente::io
