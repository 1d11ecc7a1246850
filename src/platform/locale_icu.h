// Chronoscope platform (native): core's Locale and time zones from ICU (Debian's libicu, whose data is CLDR and
// the tz database), as the web build takes them from the browser's Intl (web/src/locale.js).
//
//   Locale ko; std::string err;
//   if (IcuLocale("ko", &ko, &err)) AppSetLocale(&app, ko);
//   TimeZoneSetting z; if (IcuTimeZone("Asia/Seoul", &z, &err)) AppSetTimeZone(&app, z);
//
// Only the native app links ICU: core, the widget and examples/imgui_host do not need it.
#pragma once

#include "core/locale.h"

#include <string>

namespace chronoscope {

// The locale from a BCP 47 tag ("ko", "de-DE") or a POSIX locale name ("de_DE.UTF-8"); an English tag, "C" or
// "POSIX" gives the built-in English. False and why for a tag ICU has no data for.
bool IcuLocale(const std::string& tag, Locale* out, std::string* error);
// The locale the environment asks for: LC_ALL, else LC_TIME, else LANG (as POSIX programs read it).
std::string EnvironmentLocale();
// "UTC", "local" (the system's zone), an IANA name; "" for each time at its written offset. False and why for an
// unknown zone.
bool IcuTimeZone(const std::string& zone, TimeZoneSetting* out, std::string* error);

} // namespace chronoscope
