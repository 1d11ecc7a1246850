// Chronoscope core: which links the product may open, the one rule for the loader, the widget, the native app and
// the web page (exported to JS).
//
//   IsOpenableLink("https://example.org/a?b#c")        -> true
//   IsOpenableLink("HTTP://EXAMPLE.ORG")               -> true     (scheme and host in any case)
//   IsOpenableLink("http://[::1]:8080/")               -> true
//   IsOpenableLink("https://münchen.de/")              -> true     (an IDN host: the browser sends xn--mnchen-3ya.de)
//   IsOpenableLink("javascript:alert(1)")              -> false    (and file:, data:, relative links, "")
//   IsOpenableLink("https://")                         -> false    (no host)
//   IsOpenableLink("http://a:99999/")                  -> false    (port above 65535)
//   IsOpenableLink("http://\njavascript:alert(1)")     -> false    (a control character)
//   LinkRefusal("http://a:99999/")                     -> "the port must be a number from 0 to 65535"
//
// A timeline file comes from anyone: only http(s) links open, and only those that every URL parser reads the same
// way, so the link opened is the link the author wrote and a browser's window.open() never throws on it. The
// rule is a subset of what the WHATWG URL Standard's parser (the browser's `new URL()`) accepts:
//
//   link       = scheme "://" host [":" port] [rest]        the whole link: valid UTF-8, no byte 0x00-0x20 or
//                                                          0x7F (controls and spaces), no backslash
//   scheme     = "http" | "https"                           in any case
//   host       = "[" IPv6 "]"                               the URL Standard's IPv6 form ("::1", "::ffff:1.2.3.4")
//              | IPv4                                       four decimal numbers 0-255 without leading zeros
//              | domain                                     labels joined by "." (one "." may end it), none empty;
//                                                          a label of ASCII letters, digits, "-", "_" and non-ASCII
//                                                          characters (an IDN, see below); a last label that reads
//                                                          as a number (digits, or "0x" and hex) makes the host an
//                                                          IPv4 address
//   port       = digits (none: the default port), 0-65535
//   rest       = ("/" | "?" | "#") anything                 the browser percent-encodes what it must (non-ASCII)
//
// Refused although a browser would accept them, because parsers disagree on them or they mislead a reader:
// controls and spaces that browsers strip or remove ("http://\njavascript:..." reads as "http://javascript:..."),
// backslashes (read as "/"), a user name or password before the host ("https://bank.example@evil.example/"),
// slashes other than exactly two after the scheme ("http:/x", "http:x", "http:///x"), "%" in a host, punctuation in
// a domain other than "-" and "_", IPv4 addresses in short, octal or hex forms ("http://127.1/", "http://0x7f.1/").
//
// IDN hosts: the browser maps a domain with UTS #46 (case folding, compatibility forms) and sends it as "xn--"
// labels. Without Unicode's tables this rule cannot run that mapping: it accepts non-ASCII letters and refuses the
// ranges that UTS #46 maps to spaces, ASCII punctuation or digits, or disallows (controls, format characters, spaces,
// symbols and punctuation blocks, fullwidth, presentation and mathematical forms, private use, noncharacters, the
// unassigned planes), checks that an "xn--" label is valid Punycode of such characters, and applies the bidi rule
// (RFC 5893) by blocks: a label with right-to-left characters starts with one, holds no letters of other scripts and
// does not end in "-"; in such a domain every other label starts with a letter. What it does not check: the code
// points left unassigned inside assigned blocks, Unicode normalization, characters UTS #46 maps (capitals) inside an
// "xn--" label, the IDNA rules on combining marks and joiners, and the bidi rule by each character's class. A host
// that breaks one of those (in practice a crafted one) passes here and fails the browser's parser: the web page also
// checks each link with `new URL()`, and the native desktop opener gets a link it cannot resolve.
#pragma once

#include <cstddef>

namespace chronoscope {

// Why `url` (len bytes, NUL bytes included) will not open, as a short phrase for "link will not open: WHY", or
// nullptr when it opens. A null url is refused.
const char* LinkRefusal(const char* url, size_t len);

bool IsOpenableLink(const char* url, size_t len);
bool IsOpenableLink(const char* url);   // a NUL-terminated link

} // namespace chronoscope
