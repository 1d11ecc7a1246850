// Chronoscope core: Chronoscope's own JSON format (README "The JSON format"): what an event's, a group's and an
// era's keys mean, checked strictly (a wrong type is an error, an unknown key a warning).
#include "core/load/load_internal.h"

#include "core/link.h"

namespace chronoscope {
namespace load {

// An id, or a reference to one: a string or a whole number, put in the pool as text. False when there is none
// (absent or null) or, reported at the value as `error`, when it is of another type.
static bool IdText(Loader& L, const Record& r, int i, const char* error, StrId* out)
{
    if (i < 0 || r.Nodes[i].Type == Node_Null)
        return false;
    if (r.Nodes[i].Type != Node_String && r.Nodes[i].Type != Node_Int) {
        L.ErrorAt(r.Nodes[i], error);
        return false;
    }
    *out = L.Tl->Strings.Add(L.TextOf(r, i, false));
    return true;
}

void OwnEvent(Loader& L, const Record& r)
{
    int s = r.Child(0, K_start);
    EventSpan span;
    if (!L.ReadSpan(r, s, r.Child(0, K_end), ReadDate, "event without \"start\"", &span))
        return;
    EventDraft d = L.NewEvent(span);
    StringPool& sp = L.Tl->Strings;

    int id = r.Child(0, K_id);
    if (IdText(L, r, id, "id must be a string", &d.Ev.Id))
        d.Ref.IdStart = r.Nodes[id].Start;
    int t = r.Child(0, K_title);
    if (L.WantString(r, t, "title"))
        d.Ev.Title = sp.Add(r.Nodes[t].Str);
    int tx = r.Child(0, K_text);
    if (L.WantString(r, tx, "text"))
        d.Ev.Text = sp.Add(r.Nodes[tx].Str);
    int g = r.Child(0, K_group);
    if (IdText(L, r, g, "group must be the id of one of \"groups\"", &d.Ref.GroupKey))
        d.Ref.GroupStart = r.Nodes[g].Start;
    int ms = r.Child(0, K_milestone);
    if (ms >= 0 && r.Nodes[ms].Type != Node_Null) {
        if (r.Nodes[ms].Type != Node_Bool)
            L.ErrorAt(r.Nodes[ms], "milestone must be true or false");
        else if (r.Nodes[ms].Bool)
            d.Ev.Flags |= EventFlags_Milestone;
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
                    d.X.Tags.push_back(sp.Add(r.Nodes[c].Str));
            }
            d.NeedExtra |= !d.X.Tags.empty();
        }
    }
    int link = r.Child(0, K_link);
    if (L.WantString(r, link, "link") && !r.Nodes[link].Str.empty()) {
        const std::string& u = r.Nodes[link].Str;
        if (const char* why = LinkRefusal(u.data(), u.size()))
            L.WarnAt(r.Nodes[link], std::string("link will not open: ") + why);
        d.X.Link = sp.Add(u);
        d.NeedExtra = true;
    }
    int media = r.Child(0, K_media);
    if (media >= 0 && r.Nodes[media].Type != Node_Null) {
        if (r.Nodes[media].Type != Node_Object) {
            L.ErrorAt(r.Nodes[media], "media must be an object with \"url\", \"caption\", \"credit\", \"thumbnail\"");
        } else {
            int u = r.Child(media, K_url), c = r.Child(media, K_caption), cr = r.Child(media, K_credit);
            int th = r.Child(media, K_thumbnail);
            if (L.WantString(r, u, "media url")) d.X.MediaUrl = sp.Add(r.Nodes[u].Str);
            if (L.WantString(r, c, "media caption")) d.X.MediaCaption = sp.Add(r.Nodes[c].Str);
            if (L.WantString(r, cr, "media credit")) d.X.MediaCredit = sp.Add(r.Nodes[cr].Str);
            if (L.WantString(r, th, "media thumbnail")) d.X.MediaThumbnail = sp.Add(r.Nodes[th].Str);
            d.NeedExtra |= d.X.MediaUrl || d.X.MediaCaption || d.X.MediaCredit || d.X.MediaThumbnail;
        }
    }
    int dd = r.Child(0, K_display_date);
    if (L.WantString(r, dd, "display_date") && !r.Nodes[dd].Str.empty()) {
        d.X.DisplayDate = sp.Add(r.Nodes[dd].Str);
        d.NeedExtra = true;
    }
    int col = r.Child(0, K_color);
    if (col >= 0) {
        d.X.Color = L.ColorOf(r, col);
        d.NeedExtra |= d.X.Color != 0;
    }
    static const uint64_t known = Bit(K_id) | Bit(K_start) | Bit(K_end) | Bit(K_title) | Bit(K_text) |
        Bit(K_group) | Bit(K_milestone) | Bit(K_tags) | Bit(K_link) | Bit(K_media) | Bit(K_color) | Bit(K_display_date);
    L.WarnUnknownKeys(r, 0, known, "an event");
    L.AddEvent(r, d);
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
