// Chronoscope core: the diagnostics of a load (see load_internal.h): byte offsets to LINE:COL, the capped list,
// "... and N more errors", their order, and FormatDiagnostic (load.h).
#include "core/load/load_internal.h"

#include "core/utf8.h"

#include <algorithm>

namespace chronoscope {
namespace load {

void LineMap::Locate(size_t off, int* line, int* col)
{
    if (off > Size)
        off = Size;
    if (off < Off) {
        Off = 0;
        Line = 1;
        LineStart = 0;
    }
    for (size_t i = Off; i < off; i++)
        if (Data[i] == '\n' || (Data[i] == '\r' && i + 1 < Size && Data[i + 1] != '\n')) {
            Line++;
            LineStart = i + 1;
        }
    Off = off;
    size_t chars = Utf8CountChars(Data + LineStart, off - LineStart);
    *line = (int)std::min<size_t>(Line, 0x7FFFFFFF);
    *col = (int)std::min<size_t>(chars + 1, 0x7FFFFFFF);
}

void Diagnostics::Add(Severity sev, size_t offset, bool has_place, const std::string& msg)
{
    if (sev == Severity_Error)
        Res->Errors++;
    else
        Res->Warnings++;
    if ((int)Res->Diagnostics.size() >= Max)
        return;
    Diagnostic d;
    d.Sev = sev;
    d.Message = msg;
    if (has_place)
        Lines.Locate(offset, &d.Line, &d.Column);
    Res->Diagnostics.push_back(d);
}

void Diagnostics::Finish()
{
    if (Res->Errors > (int)Res->Diagnostics.size() && !Res->Diagnostics.empty()) {
        Diagnostic d;
        d.Sev = Severity_Error;
        d.Message = "... and " + std::to_string(Res->Errors - (int)std::count_if(Res->Diagnostics.begin(), Res->Diagnostics.end(),
                        [](const Diagnostic& x) { return x.Sev == Severity_Error; })) + " more errors";
        Res->Diagnostics.push_back(d);
    }
    std::stable_sort(Res->Diagnostics.begin(), Res->Diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.Line == 0 || b.Line == 0)
            return a.Line != 0 && b.Line == 0;
        return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);
    });
}

} // namespace load

std::string FormatDiagnostic(const char* file, const Diagnostic& d)
{
    std::string s = file ? file : "";
    if (d.Line > 0) {
        s += ':';
        s += std::to_string(d.Line);
        s += ':';
        s += std::to_string(d.Column);
    }
    s += d.Sev == Severity_Error ? ": error: " : ": warning: ";
    s += d.Message;
    return s;
}

} // namespace chronoscope
