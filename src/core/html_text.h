// Chronoscope core: the HTML of imported formats (TimelineJS3's text is HTML) read as formatted text or plain text.
// Nothing is ever executed or handed on as HTML: the markup is read into plain structs, which the widget draws.
//
//   RichText t = RichTextFromHtml("<p>Born <b>1879</b>.</p><ul><li>Physics</li></ul>", n);
//     t.Text   == "Born 1879.Physics"
//     t.Blocks == { paragraph: spans "Born " (plain), "1879" (bold), "." (plain); bullet item: span "Physics" }
//   PlainTextFromHtml("<b>a</b> &amp; b<br>c", n)   -> "a & b\nc"
//
// The safe subset that keeps its meaning: <p>, <div>, <blockquote> and <h1>..<h6> (a heading is bold) make
// paragraphs; <br> a line break inside one (a '\n' in its text); <b>/<strong> bold, <i>/<em> italic; <ul>, <ol> and
// <li> list items, bulleted or numbered, nested; <a href> a link when its href is one the product opens
// (core/link.h: http(s) only), else its text stays without a link. Every other tag is dropped and its text kept,
// except <script> and <style>, whose content is code, dropped whole. Entities: the common named ones and numeric
// ones. White space folds to one space and is trimmed at the ends of each block. A '<' opens a tag up to the next
// '>' (an unclosed tag runs to the end and is dropped); an entity without its ';' stays text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

enum RichStyle : uint8_t { RichStyle_Bold = 1, RichStyle_Italic = 2 };

// A piece of a block's text in one style: Text[Begin, End).
struct RichSpan {
    uint32_t Begin = 0, End = 0;
    uint8_t  Style = 0;   // RichStyle bits
    uint32_t Link = 0;    // 1 + an index into RichText::Links, or 0: no link
};

enum RichBlockKind : uint8_t { RichBlock_Paragraph = 0, RichBlock_Bullet, RichBlock_Numbered };

// A paragraph or a list item: Spans[FirstSpan, FirstSpan + SpanCount), never empty.
struct RichBlock {
    RichBlockKind Kind = RichBlock_Paragraph;
    uint8_t       Depth = 0;    // list nesting: 1 for an item of a top-level list, 0 for a paragraph
    uint32_t      Number = 0;   // a numbered item's number (from 1 in each list)
    uint32_t      FirstSpan = 0, SpanCount = 0;
};

struct RichText {
    std::string              Text;    // every block's text, one after the other (valid UTF-8 when the input is)
    std::vector<RichSpan>    Spans;
    std::vector<RichBlock>   Blocks;
    std::vector<std::string> Links;   // each an openable http(s) link (core/link.h)
    // Whether anything but paragraphs of plain text is in it (bold, italic, a link, a list item).
    bool HasFormatting() const;
    // The text of one span.
    std::string SpanText(const RichSpan& s) const { return Text.substr(s.Begin, s.End - s.Begin); }
};

RichText RichTextFromHtml(const char* s, size_t len);

// The blocks' text, one line each ('\n' between them; a <br> is one too).
std::string PlainTextOf(const RichText& t);

// PlainTextOf(RichTextFromHtml(s, len)).
std::string PlainTextFromHtml(const char* s, size_t len);

} // namespace chronoscope
