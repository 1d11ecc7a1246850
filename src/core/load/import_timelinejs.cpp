// Chronoscope core: TimelineJS3's JSON (events with "start_date", "text": {"headline", "text"}, "media", "eras",
// a title slide). Its text is HTML, turned into plain text; its groups are labels that create themselves.
#include "core/load/load_internal.h"

#include "core/color.h"
#include "core/format.h"
#include "core/html_text.h"

namespace chronoscope {
namespace load {

// A URL as TimelineJS3's spreadsheet reading tells one from a colour: http:, https:, "//host" or "/path".
static bool IsUrlLike(std::string_view s)
{
    return s.compare(0, 5, "http:") == 0 || s.compare(0, 6, "https:") == 0 || (!s.empty() && s[0] == '/');
}

void TjsEvent(Loader& L, const Record& r)
{
    int s = r.Child(0, K_start_date);
    int e = r.Child(0, K_end_date);
    // TimelineJS writes an empty end date as {"year": ""} (or an object without a year)
    if (e >= 0 && r.Nodes[e].Type == Node_Object) {
        int y = r.Child(e, K_year);
        if (y < 0 || (r.Nodes[y].Type == Node_String && r.Nodes[y].String().find_first_not_of(' ') == std::string_view::npos))
            e = -1;
    }
    EventSpan span;
    if (!L.ReadSpan(r, s, e, ReadDate, "event without \"start_date\"", &span))
        return;
    EventDraft d = L.NewEvent(span);
    StringPool& sp = L.Tl->Strings;

    int text = r.Child(0, K_text);
    d.Ev.Title = sp.Add(L.TextOf(r, r.Child(text, K_headline), true));
    // The text is HTML: its plain text for the event, and the HTML kept too when it has formatting to show.
    int body = r.Child(text, K_text);
    if (body >= 0 && r.Nodes[body].Type == Node_String) {
        const std::string_view html = r.Nodes[body].String();
        RichText rich = RichTextFromHtml(html.data(), html.size());
        d.Ev.Text = sp.Add(PlainTextOf(rich));
        if (rich.HasFormatting()) {
            d.X.TextHtml = sp.Add(html.data(), html.size());
            d.NeedExtra = true;
        }
    } else {
        d.Ev.Text = sp.Add(L.TextOf(r, body, true));
    }
    int uid = r.Child(0, K_unique_id);
    if (uid >= 0) {
        d.Ev.Id = sp.Add(L.TextOf(r, uid, false));
        d.Ref.IdStart = r.Nodes[uid].Start;
    }
    int media = r.Child(0, K_media);
    if (media >= 0 && r.Nodes[media].Type == Node_Object) {
        d.X.MediaUrl = sp.Add(L.TextOf(r, r.Child(media, K_url), false));
        d.X.MediaCaption = sp.Add(L.TextOf(r, r.Child(media, K_caption), true));
        d.X.MediaCredit = sp.Add(L.TextOf(r, r.Child(media, K_credit), true));
        d.X.MediaThumbnail = sp.Add(L.TextOf(r, r.Child(media, K_thumbnail), false));
        d.NeedExtra = d.X.MediaUrl || d.X.MediaCaption || d.X.MediaCredit || d.X.MediaThumbnail;
    }
    // The date shown: the slide's display_date, else the start's and the end's own (each one missing written at
    // its precision), as TimelineJS3 joins them.
    std::string disp = L.TextOf(r, r.Child(0, K_display_date), true);
    if (disp.empty()) {
        auto own = [&](int d) {
            int t = r.Child(d, K_display_date);
            return L.TextOf(r, t >= 0 ? t : r.Child(d, K_display_text), true);
        };
        std::string a = own(s), b = span.HasEnd ? own(e) : std::string();
        if (!a.empty() || !b.empty()) {
            disp = a.empty() ? FormatInstant(span.Start.Time, span.Start.Prec) : a;
            if (span.HasEnd)
                disp += " \xE2\x80\x93 " + (b.empty() ? FormatInstant(span.End.Time, span.End.Prec) : b);
        }
    }
    if (!disp.empty()) {
        d.X.DisplayDate = sp.Add(disp);
        d.NeedExtra = true;
    }
    int g = r.Child(0, K_group);
    if (g >= 0 && r.Nodes[g].Type == Node_String && !r.Nodes[g].String().empty())
        d.Ev.Group = L.AddGroup(std::string(r.Nodes[g].String()), std::string(r.Nodes[g].String()), 0, nullptr);
    // "background": {"color", "url"}, or (as TimelineJS3's spreadsheets write it) a colour or a URL as a string.
    // Only the colour is kept: it colours the event. A background image is not shown.
    int bg = r.Child(0, K_background);
    int col = bg >= 0 && r.Nodes[bg].Type == Node_Object ? r.Child(bg, K_color)
            : bg >= 0 && r.Nodes[bg].Type == Node_String && !IsUrlLike(r.Nodes[bg].String()) ? bg : -1;
    if (col >= 0 && r.Nodes[col].Type == Node_String && !r.Nodes[col].String().empty()) {
        Color32 c = 0;
        if (ParseColor(r.Nodes[col].String().data(), r.Nodes[col].String().size(), &c)) {
            d.X.Color = c;
            d.NeedExtra = true;
        } else {
            L.WarnAt(r.Nodes[col], "background colour must be \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"; ignored");
        }
    }
    if (!span.HasEnd)
        d.Ev.Flags |= EventFlags_Milestone;
    L.AddEvent(r, d);
}

// The title slide, {"text": {"headline", "text"}, "media"}: the timeline's title and description.
void TjsTitleSlide(Loader& L, const Record& r, int i)
{
    L.SawTjs = true;
    int text = r.Child(i, K_text);
    L.Tl->Title = L.TextOf(r, r.Child(text, K_headline), true);
    int body = r.Child(text, K_text);
    if (body >= 0 && r.Nodes[body].Type == Node_String) {
        // as an event's text: the plain text, and the HTML kept when it has formatting to show
        const std::string_view html = r.Nodes[body].String();
        RichText rich = RichTextFromHtml(html.data(), html.size());
        L.Tl->Description = PlainTextOf(rich);
        L.Tl->DescriptionHtml = rich.HasFormatting() ? std::string(html) : std::string();
    } else {
        L.Tl->Description = L.TextOf(r, body, true);
    }
    L.TitleMedia(r, r.Child(i, K_media), true);
}

std::string TjsEraLabel(Loader& L, const Record& r)
{
    return L.TextOf(r, r.Child(r.Child(0, K_text), K_headline), true);
}

} // namespace load
} // namespace chronoscope
