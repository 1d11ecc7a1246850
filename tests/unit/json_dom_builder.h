// A handler for core/json_read.h that builds a nlohmann DOM of what it reads, to compare with nlohmann's own
// parser (tests/unit/json_read_test.cpp, tests/fuzz/fuzz_json_read.cpp). It also checks that the reader's cursor
// sits just past each token when the handler is called.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chronoscope {
namespace test {

struct JsonDomBuilder {
    const char*                  Begin = nullptr;   // the input
    const char**                 Cursor = nullptr;  // the reader's cursor
    nlohmann::json               Root;
    std::vector<nlohmann::json*> Stack;             // open containers
    std::string                  Key;
    bool                         CursorOk = true;   // false once the cursor was not just past a token
    bool                         Errored = false;   // syntax_error was called (with a message)
    size_t                       ErrorOffset = 0;
    std::string                  Error;

    void Check(char last)
    {
        if (*Cursor <= Begin || (*Cursor)[-1] != last)
            CursorOk = false;
    }
    nlohmann::json* Put(nlohmann::json v)
    {
        if (Stack.empty()) {
            Root = std::move(v);
            return &Root;
        }
        nlohmann::json* top = Stack.back();
        if (top->is_object()) {
            nlohmann::json& slot = (*top)[Key];
            slot = std::move(v);
            return &slot;
        }
        top->push_back(std::move(v));
        return &top->back();
    }
    bool null() { Check('l'); Put(nullptr); return true; }
    bool boolean(bool b) { Check('e'); Put(b); return true; }
    bool number_integer(int64_t v) { Put(v); return true; }
    bool number_unsigned(uint64_t v) { Put(v); return true; }
    bool number_float(double v) { Put(v); return true; }
    bool string(std::string& s) { Check('"'); Put(s); return true; }
    bool key(std::string& k) { Check('"'); Key = k; return true; }
    bool start_object() { Check('{'); Stack.push_back(Put(nlohmann::json::object())); return true; }
    bool start_array() { Check('['); Stack.push_back(Put(nlohmann::json::array())); return true; }
    bool end_object() { Check('}'); Stack.pop_back(); return true; }
    bool end_array() { Check(']'); Stack.pop_back(); return true; }
    void syntax_error(size_t offset, const char* msg)
    {
        Errored = msg && *msg;
        ErrorOffset = offset;
        Error = msg ? msg : "";
    }
};

} // namespace test
} // namespace chronoscope
