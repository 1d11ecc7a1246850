// Chronoscope core: Chronoscope's own JSON format (README "The JSON format"): what an event's, a group's and an
// era's keys mean, checked strictly (a wrong type is an error, an unknown key a warning).
#include "core/load/load_internal.h"

#include "core/link.h"

namespace chronoscope {
namespace load {

void OwnEvent(Loader& L, const Record& r)
{
    int s = r.Child(0, K_start);
    EventSpan span;
    if (!L.ReadSpan(r, s, r.Child(0, K_end), ReadDate, "event without \"start\"", &span))
        return;
    Event ev = L.NewEvent(span);
    StringPool& sp = L.Tl->Strings;
    EventExtra x;
    bool need_extra = false;
    PendingRef ref;

    int id = r.Child(0, K_id);
    if (id >= 0 && r.Nodes[id].Type != Node_Null) {
        if (r.Nodes[id].Type == Node_String || r.Nodes[id].Type == Node_Int) {
            ev.Id = sp.Add(L.TextOf(r, id, false));
            ref.IdStart = r.Nodes[id].Start;
        } else {
            L.ErrorAt(r.Nodes[id], "id must be a string");
        }
    }
    int t = r.Child(0, K_title);
    if (L.WantString(r, t, "title"))
        ev.Title = sp.Add(r.Nodes[t].Str);
    int tx = r.Child(0, K_text);
    if (L.WantString(r, tx, "text"))
        ev.Text = sp.Add(r.Nodes[tx].Str);
    int g = r.Child(0, K_group);
    if (g >= 0 && r.Nodes[g].Type != Node_Null) {
        if (r.Nodes[g].Type == Node_String || r.Nodes[g].Type == Node_Int) {
            ref.GroupKey = sp.Add(L.TextOf(r, g, false));
            ref.GroupStart = r.Nodes[g].Start;
        } else {
            L.ErrorAt(r.Nodes[g], "group must be the id of one of \"groups\"");
        }
    }
    int ms = r.Child(0, K_milestone);
    if (ms >= 0 && r.Nodes[ms].Type != Node_Null) {
        if (r.Nodes[ms].Type != Node_Bool)
            L.ErrorAt(r.Nodes[ms], "milestone must be true or false");
        else if (r.Nodes[ms].Bool)
            ev.Flags |= EventFlags_Milestone;
    }
    int tags = r.Child(0, K_tags);
    if (tags >= 0 && r.Nodes[tags].Type != Node_Null) {
        if (r.Nodes[tags].Type != Node_Array) {
            L.ErrorAt(r.Nodes[tags], "tags must be an array of strings");
        } else {
            for (int c = tags + 1; c <= r.Nodes[tags].Last; c = r.Nodes[c].Last + 1) {
                if (r.Nodes[c].Type != Node_String) {
                    L.ErrorAt(r.Nodes[c], "a tag must be a string");
                    continue;
                }
                if (!r.Nodes[c].Str.empty())
                    x.Tags.push_back(sp.Add(r.Nodes[c].Str));
            }
            need_extra |= !x.Tags.empty();
        }
    }
    int link = r.Child(0, K_link);
    if (L.WantString(r, link, "link") && !r.Nodes[link].Str.empty()) {
        const std::string& u = r.Nodes[link].Str;
        if (!IsOpenableUrl(u.c_str()))
            L.WarnAt(r.Nodes[link], "only http:// and https:// links open; this one will not");
        x.Link = sp.Add(u);
        need_extra = true;
    }
    int media = r.Child(0, K_media);
    if (media >= 0 && r.Nodes[media].Type != Node_Null) {
        if (r.Nodes[media].Type != Node_Object) {
            L.ErrorAt(r.Nodes[media], "media must be an object with \"url\", \"caption\", \"credit\"");
        } else {
            int u = r.Child(media, K_url), c = r.Child(media, K_caption), cr = r.Child(media, K_credit);
            if (L.WantString(r, u, "media url")) x.MediaUrl = sp.Add(r.Nodes[u].Str);
            if (L.WantString(r, c, "media caption")) x.MediaCaption = sp.Add(r.Nodes[c].Str);
            if (L.WantString(r, cr, "media credit")) x.MediaCredit = sp.Add(r.Nodes[cr].Str);
            need_extra |= x.MediaUrl || x.MediaCaption || x.MediaCredit;
        }
    }
    int dd = r.Child(0, K_display_date);
    if (L.WantString(r, dd, "display_date") && !r.Nodes[dd].Str.empty()) {
        x.DisplayDate = sp.Add(r.Nodes[dd].Str);
        need_extra = true;
    }
    int col = r.Child(0, K_color);
    if (col >= 0) {
        x.Color = L.ColorOf(r, col);
        need_extra |= x.Color != 0;
    }
    static const uint64_t known = Bit(K_id) | Bit(K_start) | Bit(K_end) | Bit(K_title) | Bit(K_text) |
        Bit(K_group) | Bit(K_milestone) | Bit(K_tags) | Bit(K_link) | Bit(K_media) | Bit(K_color) | Bit(K_display_date);
    L.WarnUnknownKeys(r, 0, known, "an event");
    L.AddEvent(r, ev, x, need_extra, ref);
}

std::string OwnGroupLabel(Loader& L, const Record& r)
{
    std::string label = L.TextOf(r, r.Child(0, K_label), false);
    if (!L.SawVis) {  // (vis groups carry other keys: a file that has vis items is not checked for ours)
        static const uint64_t known = Bit(K_id) | Bit(K_label) | Bit(K_color) | Bit(K_content) | Bit(K_title);
        L.WarnUnknownKeys(r, 0, known, "a group");
    }
    return label;
}

std::string OwnEraLabel(Loader& L, const Record& r)
{
    std::string label = L.TextOf(r, r.Child(0, K_label), false);
    static const uint64_t known = Bit(K_start) | Bit(K_end) | Bit(K_label) | Bit(K_color);
    L.WarnUnknownKeys(r, 0, known, "an era");
    return label;
}

} // namespace load
} // namespace chronoscope
