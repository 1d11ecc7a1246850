// Chronoscope core: a streaming CSV reader (RFC 4180) that hands on one row at a time, each cell with the byte
// offset where it starts, so that a problem in a cell is reported at its FILE:LINE:COL like a JSON value's.
//
//   CsvReader r;  r.Init(data, &sink);
//   r.Resume(bytes_so_far, false) ... -> kNeedMore (or kFailed: stop early)
//   r.Rebase(new_data)                   when the buffer grew and moved (the bytes so far copied over)
//   r.Resume(size, true)              -> kDone or kFailed
// The same rows reach the sink, and the same error at the same offset, however the input is cut.
//
// What is read: cells separated by commas, rows ended by CRLF, LF or a lone CR (spreadsheets write CRLF, older
// Mac ones CR); a cell in double quotes may hold commas, line ends and "" for one quote; spaces before its
// opening quote are dropped (`a, "b, c"` is two cells, as people write it by hand). One UTF-8 byte order mark
// at the start is skipped; the last row may lack its line end. Tolerated as TimelineJS3's own reader does: a quote
// inside an unquoted cell is a character like any other, and text after a closing quote is kept (a warning says
// so). Refused (the reading stops): a NUL byte, invalid UTF-8 (core/utf8.h's rule), a quoted cell that is never
// closed (reported at its opening quote).
//
// Why not a library: Debian's libcsv (the one kept C CSV library there) reports no positions, so each cell's
// place would have to be tracked outside it byte by byte anyway, and its LGPL would bind the statically linked
// web build; the reading is a few dozen lines of state machine here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace chronoscope {
namespace load {

struct CsvCell {
    size_t      Start = 0;     // byte offset of the cell's first byte (its opening quote when quoted)
    bool        Quoted = false;
    std::string Text;          // the value: quotes removed, "" read as one quote; spaces kept
};

struct CsvSink {
    virtual ~CsvSink() = default;
    // One row, at least one cell (an empty line is one empty cell). False stops the reading (kFailed).
    virtual bool OnRow(const std::vector<CsvCell>& cells) = 0;
    virtual void OnCsvProblem(bool error, size_t offset, const char* message) = 0;
};

class CsvReader {
public:
    enum { kFailed = 0, kDone = 1, kNeedMore = 2 };

    void   Init(const char* data, CsvSink* sink);
    int    Resume(size_t avail, bool final);
    void   Rebase(const char* data) { Data = (const unsigned char*)data; }
    size_t Offset() const { return Pos; }   // bytes read so far

private:
    enum State { CellStart, LeadingSpace, Unquoted, Quoted, QuoteInQuoted, AfterClosingQuote };
    CsvCell& Cell();   // the current cell, begun at Pos when it was not yet
    void EndCell();
    bool EndRow();
    int  Fail(size_t at, const char* message);   // message null: the sink stopped the reading

    const unsigned char* Data = nullptr;
    CsvSink* Sink = nullptr;
    size_t   Pos = 0;
    State    St = CellStart;
    bool     Started = false;      // the byte order mark is behind
    bool     SkipLf = false;       // a CR ended a row: an LF right after it is part of that line end
    bool     RowOpen = false;      // some byte of the current row was read
    bool     CellOpen = false;     // Row[Cells] is begun
    bool     Failed = false;
    std::vector<CsvCell> Row;
    size_t   Cells = 0;            // cells of Row in use (Row keeps its strings' capacity between rows)
};

} // namespace load
} // namespace chronoscope
