// Chronoscope core: the CSV reader (see csv.h). One byte (one UTF-8 character) at a time through a small state
// machine; the state is kept between calls, so the input may be cut anywhere.
#include "core/load/csv.h"

#include "core/utf8.h"

namespace chronoscope {
namespace load {

void CsvReader::Init(const char* data, CsvSink* sink)
{
    Data = (const unsigned char*)data;
    Sink = sink;
    Pos = 0;
    St = CellStart;
    Started = SkipLf = RowOpen = CellOpen = Failed = false;
    Row.clear();
    Cells = 0;
}

int CsvReader::Fail(size_t at, const char* message)
{
    if (message)
        Sink->OnCsvProblem(true, at, message);
    Failed = true;
    return kFailed;
}

CsvCell& CsvReader::Cell()
{
    if (!CellOpen) {
        if (Cells == Row.size())
            Row.emplace_back();
        CsvCell& c = Row[Cells];
        c.Start = Pos;
        c.Quoted = false;
        c.Text.clear();
        CellOpen = true;
        RowOpen = true;
    }
    return Row[Cells];
}

void CsvReader::EndCell()
{
    Cell();
    Cells++;
    CellOpen = false;
    St = CellStart;
}

bool CsvReader::EndRow()
{
    EndCell();
    Row.resize(Cells);
    Cells = 0;
    RowOpen = false;
    return Sink->OnRow(Row);
}

int CsvReader::Resume(size_t avail, bool final)
{
    if (Failed)
        return kFailed;
    if (!Started) {
        static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
        size_t have = avail < 3 ? avail : 3;
        bool prefix = true;
        for (size_t i = 0; i < have; i++)
            prefix = prefix && Data[i] == bom[i];
        if (prefix && have < 3 && !final)
            return kNeedMore;
        if (prefix && have == 3)
            Pos = 3;
        Started = true;
    }
    while (Pos < avail) {
        unsigned char c = Data[Pos];
        if (SkipLf) {
            SkipLf = false;
            if (c == '\n') {
                Pos++;
                continue;
            }
        }
        size_t n = 1;
        if (c == 0)
            return Fail(Pos, "a CSV file cannot contain a NUL byte");
        if (c >= 0x80) {
            n = (size_t)Utf8SequenceLength(Data + Pos, Data + avail);
            if (n == 0) {
                if (!final && avail - Pos < 4)
                    return kNeedMore;  // the rest of the character may still come
                return Fail(Pos, "invalid UTF-8");
            }
        }
        const bool line_end = c == '\n' || c == '\r';
        switch (St) {
        case CellStart:
        case LeadingSpace:
            if (c == '"') {
                CsvCell& cell = Cell();
                cell.Quoted = true;
                cell.Start = Pos;
                cell.Text.clear();
                St = Quoted;
                break;
            }
            if (c == ' ' || c == '\t') {
                Cell().Text.push_back((char)c);
                St = LeadingSpace;
                break;
            }
            [[fallthrough]];  // the cell is unquoted
        case Unquoted:
        case AfterClosingQuote:
            if (c == ',') {
                EndCell();
            } else if (line_end) {
                SkipLf = c == '\r';
                if (!EndRow())
                    return Fail(Pos, nullptr);
            } else {
                Cell().Text.append((const char*)Data + Pos, n);
                if (St == CellStart || St == LeadingSpace)
                    St = Unquoted;
            }
            break;
        case Quoted:
            if (c == '"')
                St = QuoteInQuoted;
            else
                Row[Cells].Text.append((const char*)Data + Pos, n);
            break;
        case QuoteInQuoted:
            if (c == '"') {
                Row[Cells].Text.push_back('"');
                St = Quoted;
            } else if (c == ',') {
                EndCell();
            } else if (line_end) {
                SkipLf = c == '\r';
                if (!EndRow())
                    return Fail(Pos, nullptr);
            } else {
                Sink->OnCsvProblem(false, Pos, "text after a cell's closing quote; kept with the cell");
                Row[Cells].Text.append((const char*)Data + Pos, n);
                St = AfterClosingQuote;
            }
            break;
        }
        Pos += n;
    }
    if (!final)
        return kNeedMore;
    if (St == Quoted)
        return Fail(Row[Cells].Start, "a quoted cell is not closed (its quote is here)");
    if (RowOpen && !EndRow())
        return Fail(Pos, nullptr);
    return kDone;
}

} // namespace load
} // namespace chronoscope
