// Chronoscope core: HTML to formatted or plain text (see html_text.h).
#include "core/html_text.h"

#include "core/link.h"
#include "core/utf8.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace chronoscope {

namespace {

// The entity at s[i] ('&'): its code point and where the text goes on, or false when it is none we know.
bool Entity(const char* s, size_t len, size_t i, uint32_t* cp, size_t* next)
{
    size_t j = i + 1;
    while (j < len && j - i < 10 && s[j] != ';' && s[j] != '&' && s[j] != ' ')
        j++;
    if (j >= len || s[j] != ';')
        return false;
    std::string ent(s + i + 1, j - i - 1);
    static const struct {
        const char* Name;
        uint32_t    Cp;
    } named[] = { { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' }, { "#39", '\'' },
                  { "nbsp", ' ' }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "hellip", 0x2026 },
                  { "rsquo", 0x2019 }, { "lsquo", 0x2018 }, { "rdquo", 0x201D }, { "ldquo", 0x201C } };
    *cp = 0;
    for (const auto& n : named)
        if (ent == n.Name)
            *cp = n.Cp;
    if (!*cp && ent.size() > 1 && ent[0] == '#')
        *cp = (ent[1] == 'x' || ent[1] == 'X') ? (uint32_t)strtoul(ent.c_str() + 2, nullptr, 16)
                                               : (uint32_t)strtoul(ent.c_str() + 1, nullptr, 10);
    *next = j + 1;
    return *cp != 0;
}

// Text with its entities decoded (an attribute's value).
std::string Decode(const char* s, size_t len)
{
    std::string out;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t next;
        if (s[i] == '&' && Entity(s, len, i, &cp, &next)) {
            Utf8Append(&out, cp);
            i = next;
        } else {
            out.push_back(s[i++]);
        }
    }
    return out;
}

// The value of attribute `name` in a tag's inside (after its name), or false.
bool Attribute(const char* s, size_t len, const char* name, std::string* value)
{
    size_t i = 0, n = strlen(name);
    while (i < len) {
        while (i < len && (isspace((unsigned char)s[i]) || s[i] == '/'))
            i++;
        size_t a = i;
        while (i < len && !isspace((unsigned char)s[i]) && s[i] != '=' && s[i] != '/')
            i++;
        bool match = i - a == n;
        for (size_t k = 0; match && k < n; k++)
            match = tolower((unsigned char)s[a + k]) == name[k];
        while (i < len && isspace((unsigned char)s[i]))
            i++;
        size_t vb = i, ve = i;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && isspace((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                vb = i;
                while (i < len && s[i] != q)
                    i++;
                ve = i;
                if (i < len)
                    i++;
            } else {
                vb = i;
                while (i < len && !isspace((unsigned char)s[i]))
                    i++;
                ve = i;
            }
        }
        if (match) {
            *value = Decode(s + vb, ve - vb);
            return true;
        }
        if (i == a)
            i++;
    }
    return false;
}

struct Builder {
    RichText& T;
    int       Bold = 0, Italic = 0, Heading = 0;
    std::vector<uint32_t> Links;  // open <a>: each its link (0: none)
    struct List {
        bool     Ordered;
        uint32_t Count;
    };
    std::vector<List> Lists;
    bool          Open = false;   // T.Blocks.back() takes text
    RichBlockKind NextKind = RichBlock_Paragraph;
    uint8_t       NextDepth = 0;
    uint32_t      NextNumber = 0;
    bool          Space = false;  // white space since the last text: one space before the next
    uint8_t       SpaceStyle = 0;
    uint32_t      SpaceLink = 0;

    explicit Builder(RichText& t) : T(t) {}
    uint8_t  Style() const { return (Bold || Heading ? RichStyle_Bold : 0) | (Italic ? RichStyle_Italic : 0); }
    uint32_t Link() const { return Links.empty() ? 0 : Links.back(); }

    void Add(uint8_t style, uint32_t link, const char* p, size_t n)
    {
        RichBlock& b = T.Blocks.back();
        RichSpan* last = b.SpanCount ? &T.Spans.back() : nullptr;
        if (!last || last->Style != style || last->Link != link) {
            RichSpan s;
            s.Begin = s.End = (uint32_t)T.Text.size();
            s.Style = style;
            s.Link = link;
            T.Spans.push_back(s);
            b.SpanCount++;
        }
        T.Text.append(p, n);
        T.Spans.back().End = (uint32_t)T.Text.size();
    }
    void Text(const char* p, size_t n)
    {
        if (!Open) {
            RichBlock b;
            b.Kind = NextKind;
            b.Depth = NextDepth;
            b.Number = NextNumber;
            b.FirstSpan = (uint32_t)T.Spans.size();
            T.Blocks.push_back(b);
            Open = true;
            Space = false;  // no space at the start of a block
            NextKind = RichBlock_Paragraph;
        }
        if (Space && T.Text.back() != '\n')
            Add(SpaceStyle, SpaceLink, " ", 1);
        Space = false;
        Add(Style(), Link(), p, n);
    }
    void WhiteSpace()
    {
        if (Open && !Space) {
            Space = true;
            SpaceStyle = Style();
            SpaceLink = Link();
        }
    }
    void LineBreak()
    {
        Space = false;  // none at the end of a line
        if (Open && T.Text.back() != '\n')
            Add(Style(), Link(), "\n", 1);
    }
    void EndBlock()
    {
        if (Open) {
            RichBlock& b = T.Blocks.back();
            if (T.Text.back() == '\n') {
                T.Text.pop_back();
                RichSpan& s = T.Spans.back();
                if (--s.End == s.Begin) {
                    T.Spans.pop_back();
                    b.SpanCount--;
                }
            }
        }
        Open = false;
        Space = false;
        NextKind = RichBlock_Paragraph;
        NextDepth = (uint8_t)std::min<size_t>(Lists.size(), 255);
        NextNumber = 0;
    }

    // A tag's inside, between '<' and '>'. Returns "script" or "style" for their start tag, else "".
    std::string Tag(const char* s, size_t len)
    {
        size_t i = 0;
        bool closing = i < len && s[i] == '/';
        if (closing)
            i++;
        size_t a = i;
        while (i < len && isalnum((unsigned char)s[i]))
            i++;
        std::string name(s + a, i - a);
        for (char& c : name)
            c = (char)tolower((unsigned char)c);
        if (name == "br") {
            LineBreak();
        } else if (name == "b" || name == "strong") {
            Bold = closing ? (Bold > 0 ? Bold - 1 : 0) : Bold + 1;
        } else if (name == "i" || name == "em") {
            Italic = closing ? (Italic > 0 ? Italic - 1 : 0) : Italic + 1;
        } else if (name == "a") {
            if (closing) {
                if (!Links.empty())
                    Links.pop_back();
            } else {
                std::string href;
                uint32_t link = 0;
                if (Attribute(s + i, len - i, "href", &href) && IsOpenableLink(href.data(), href.size())) {
                    T.Links.push_back(href);
                    link = (uint32_t)T.Links.size();
                }
                Links.push_back(link);
            }
        } else if (name == "p" || name == "div" || name == "blockquote") {
            EndBlock();
        } else if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
            EndBlock();
            Heading = closing ? (Heading > 0 ? Heading - 1 : 0) : Heading + 1;
        } else if (name == "ul" || name == "ol") {
            if (closing) {
                if (!Lists.empty())
                    Lists.pop_back();
            } else {
                Lists.push_back(List{ name == "ol", 0 });
            }
            EndBlock();
        } else if (name == "li") {
            EndBlock();
            if (!closing) {
                List* l = Lists.empty() ? nullptr : &Lists.back();
                NextKind = l && l->Ordered ? RichBlock_Numbered : RichBlock_Bullet;
                NextNumber = l ? ++l->Count : 0;
                NextDepth = (uint8_t)std::min<size_t>(Lists.empty() ? 1 : Lists.size(), 255);
            }
        } else if (!closing && (name == "script" || name == "style") && !(len && s[len - 1] == '/')) {
            return name;
        }
        return std::string();
    }
};

// Where the text goes on after a <script> or <style> element whose start tag ends before `from`: past its end tag,
// or the end of the input.
size_t SkipElement(const char* s, size_t len, size_t from, const std::string& name)
{
    for (size_t i = from; i + 2 + name.size() <= len; i++) {
        if (s[i] != '<' || s[i + 1] != '/')
            continue;
        bool match = true;
        for (size_t k = 0; k < name.size() && match; k++)
            match = tolower((unsigned char)s[i + 2 + k]) == name[k];
        if (!match)
            continue;
        const char* gt = (const char*)memchr(s + i, '>', len - i);
        return gt ? (size_t)(gt - s) + 1 : len;
    }
    return len;
}

} // namespace

bool RichText::HasFormatting() const
{
    for (const RichSpan& s : Spans)
        if (s.Style || s.Link)
            return true;
    for (const RichBlock& b : Blocks)
        if (b.Kind != RichBlock_Paragraph || b.Depth)
            return true;
    return false;
}

RichText RichTextFromHtml(const char* s, size_t len)
{
    RichText t;
    Builder b(t);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '<') {
            if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
                const char* end = nullptr;
                for (size_t k = i + 4; k + 3 <= len && !end; k++)
                    if (memcmp(s + k, "-->", 3) == 0)
                        end = s + k + 3;
                i = end ? (size_t)(end - s) : len;
                continue;
            }
            const char* gt = (const char*)memchr(s + i, '>', len - i);
            size_t j = gt ? (size_t)(gt - s) : len;
            std::string code = b.Tag(s + i + 1, j - i - 1);
            i = j < len ? j + 1 : len;
            if (!code.empty())
                i = SkipElement(s, len, i, code);  // the content of <script> and <style> is code: never text
            continue;
        }
        if (c == '&') {
            uint32_t cp;
            size_t next;
            if (Entity(s, len, i, &cp, &next)) {
                std::string u;
                Utf8Append(&u, cp);
                b.Text(u.data(), u.size());
                i = next;
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            b.WhiteSpace();
            i++;
            continue;
        }
        size_t j = i + 1;  // a run of ordinary text
        while (j < len && s[j] != '<' && s[j] != '&' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' &&
               s[j] != '\f')
            j++;
        b.Text(s + i, j - i);
        i = j;
    }
    b.EndBlock();
    return t;
}

std::string PlainTextOf(const RichText& t)
{
    std::string out;
    for (const RichBlock& b : t.Blocks) {
        if (!b.SpanCount)
            continue;
        if (!out.empty())
            out += '\n';
        const RichSpan& first = t.Spans[b.FirstSpan];
        const RichSpan& last = t.Spans[b.FirstSpan + b.SpanCount - 1];
        out.append(t.Text, first.Begin, last.End - first.Begin);
    }
    return out;
}

std::string PlainTextFromHtml(const char* s, size_t len)
{
    // Most text (a vis item's content, a headline) is plain already: no markup, no entity, single spaces inside.
    bool plain = len == 0 || (s[0] != ' ' && s[len - 1] != ' ');
    for (size_t i = 0; i < len && plain; i++) {
        char c = s[i];
        plain = c != '<' && c != '&' && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
                !(c == ' ' && s[i + 1] == ' ');
    }
    if (plain)
        return std::string(s, len);
    return PlainTextOf(RichTextFromHtml(s, len));
}

} // namespace chronoscope
