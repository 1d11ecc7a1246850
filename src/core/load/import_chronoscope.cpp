// Chronoscope core: Chronoscope's own JSON format (README "The JSON format"): what an event's, a group's and an
// era's keys mean, checked strictly (a wrong type is an error, an unknown key a warning).
#include "core/load/load_internal.h"

#include "core/link.h"

namespace chronoscope {
namespace load {

// An id, or a reference to one: a string or a whole number (its text: Loader::TextOf). False when there is none
// (absent or null) or, reported at the value as `error`, when it is of another type.
static inline bool IsIdValue(Loader& L, const Record& r, int i, const char* error)
{
    if (i < 0 || r.Nodes[i].Type == Node_Null)
        return false;
    if (r.Nodes[i].Type != Node_String && r.Nodes[i].Type != Node_Int) {
        L.ErrorAt(r.Nodes[i], error);
        return false;
    }
    return true;
}

// The fields most events leave out (ReadOwnEvent reads them only when the record has one of them).
static void ReadOwnEventRare(Loader& L, const Record& r, OwnEventFields* f)
{
    int ms = r.Child(0, K_milestone);
    if (ms >= 0 && r.Nodes[ms].Type != Node_Null) {
        if (r.Nodes[ms].Type != Node_Bool)
            L.ErrorAt(r.Nodes[ms], "milestone must be true or false");
        else
            f->Milestone = r.Nodes[ms].Bool;
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
                if (!r.Nodes[c].String().empty())
                    f->Tags.push_back(c);
            }
        }
    }
    int link = r.Child(0, K_link);
    if (L.WantString(r, link, "link") && !r.Nodes[link].String().empty()) {
        const std::string_view u = r.Nodes[link].String();
        if (const char* why = LinkRefusal(u.data(), u.size()))
            L.WarnAt(r.Nodes[link], std::string("link will not open: ") + why);
        f->Link = link;
    }
    int media = r.Child(0, K_media);
    if (media >= 0 && r.Nodes[media].Type != Node_Null) {
        if (r.Nodes[media].Type != Node_Object) {
            L.ErrorAt(r.Nodes[media], "media must be an object with \"url\", \"caption\", \"credit\", \"thumbnail\"");
        } else {
            int u = r.Child(media, K_url), c = r.Child(media, K_caption), cr = r.Child(media, K_credit);
            int th = r.Child(media, K_thumbnail);
            if (L.WantString(r, u, "media url")) f->MediaUrl = u;
            if (L.WantString(r, c, "media caption")) f->MediaCaption = c;
            if (L.WantString(r, cr, "media credit")) f->MediaCredit = cr;
            if (L.WantString(r, th, "media thumbnail")) f->MediaThumbnail = th;
        }
    }
    int dd = r.Child(0, K_display_date);
    if (L.WantString(r, dd, "display_date") && !r.Nodes[dd].String().empty())
        f->DisplayDate = dd;
    int col = r.Child(0, K_color);
    if (col >= 0)
        f->Color = L.ColorOf(r, col);
}

bool ReadOwnEvent(Loader& L, const Record& r, OwnEventFields* f)
{
    f->Id = f->Title = f->Text = f->Group = f->Link = f->MediaUrl = f->MediaCaption = f->MediaCredit =
        f->MediaThumbnail = f->DisplayDate = -1;
    f->Milestone = false;
    f->Tags.clear();
    f->Color = 0;
    // the root's children by key, as Child(0, k) finds them, from the record's index read once
    r.IndexRoot();
    const bool object = r.Nodes[0].Type == Node_Object;
    const uint64_t keys = object ? r.RootKeys : 0;
    auto child = [&](KeyId k) { return (keys >> k) & 1 ? r.RootChild[k] : -1; };
    if (!L.ReadSpan(r, child(K_start), child(K_end), ReadDate, "event without \"start\"", &f->Span))
        return false;
    int id = child(K_id);
    if (IsIdValue(L, r, id, "id must be a string"))
        f->Id = id;
    int t = child(K_title);
    if (L.WantString(r, t, "title"))
        f->Title = t;
    int tx = child(K_text);
    if (L.WantString(r, tx, "text"))
        f->Text = tx;
    int g = child(K_group);
    if (IsIdValue(L, r, g, "group must be the id of one of \"groups\""))
        f->Group = g;
    // (one test for the fields most events leave out: their keys' bits in the record's index)
    if (keys & (Bit(K_milestone) | Bit(K_tags) | Bit(K_link) | Bit(K_media) | Bit(K_display_date) | Bit(K_color)))
        ReadOwnEventRare(L, r, f);
    static const uint64_t known = Bit(K_id) | Bit(K_start) | Bit(K_end) | Bit(K_title) | Bit(K_text) |
        Bit(K_group) | Bit(K_milestone) | Bit(K_tags) | Bit(K_link) | Bit(K_media) | Bit(K_color) | Bit(K_display_date);
    L.WarnUnknownKeys(r, 0, known, "an event");
    return true;
}

static StrId AddText(StringPool& sp, const Node& n)
{
    const std::string_view s = n.String();
    return sp.Add(s.data(), s.size());
}

void OwnEvent(Loader& L, const Record& r)
{
    OwnEventFields& f = L.Own;
    if (!ReadOwnEvent(L, r, &f))
        return;
    EventDraft d = L.NewEvent(f.Span);
    StringPool& sp = L.Tl->Strings;
    if (f.Id >= 0) {
        d.Ev.Id = sp.Add(L.TextOf(r, f.Id, false));
        d.Ref.IdStart = r.Nodes[f.Id].Start;
    }
    if (f.Title >= 0)
        d.Ev.Title = AddText(sp, r.Nodes[f.Title]);
    if (f.Text >= 0)
        d.Ev.Text = AddText(sp, r.Nodes[f.Text]);
    if (f.Group >= 0) {
        d.Ref.GroupKey = sp.Add(L.TextOf(r, f.Group, false));
        d.Ref.GroupStart = r.Nodes[f.Group].Start;
    }
    if (f.Milestone)
        d.Ev.Flags |= EventFlags_Milestone;
    for (int c : f.Tags)
        d.X.Tags.push_back(AddText(sp, r.Nodes[c]));
    d.NeedExtra |= !d.X.Tags.empty();
    if (f.Link >= 0) {
        d.X.Link = AddText(sp, r.Nodes[f.Link]);
        d.NeedExtra = true;
    }
    if (f.MediaUrl >= 0) d.X.MediaUrl = AddText(sp, r.Nodes[f.MediaUrl]);
    if (f.MediaCaption >= 0) d.X.MediaCaption = AddText(sp, r.Nodes[f.MediaCaption]);
    if (f.MediaCredit >= 0) d.X.MediaCredit = AddText(sp, r.Nodes[f.MediaCredit]);
    if (f.MediaThumbnail >= 0) d.X.MediaThumbnail = AddText(sp, r.Nodes[f.MediaThumbnail]);
    d.NeedExtra |= d.X.MediaUrl || d.X.MediaCaption || d.X.MediaCredit || d.X.MediaThumbnail;
    if (f.DisplayDate >= 0) {
        d.X.DisplayDate = AddText(sp, r.Nodes[f.DisplayDate]);
        d.NeedExtra = true;
    }
    d.X.Color = f.Color;
    d.NeedExtra |= d.X.Color != 0;
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
