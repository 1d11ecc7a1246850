// Chronoscope platform: the native app's picture loader for app/images.h. A thread reads and decodes local files
// (stb_image: PNG, JPEG, GIF's first frame, BMP); the UI thread turns the pixels into GL textures between frames.
// Pictures on the web (http, https) are not fetched natively, and neither SVG nor WebP is decoded: each fails
// with a note that says so, and the widget shows its placeholder, caption and credit.
#pragma once

#include "app/app.h"

namespace chronoscope {

void NativeImagesStart(App* app);      // after the GL context: sets app->Pictures.Loader
bool NativeImagesPump(App* app);       // between frames: the decoded pictures become textures; true if any did
void NativeImagesStop(App* app);       // before the GL context goes: ends the thread, frees the textures

} // namespace chronoscope
