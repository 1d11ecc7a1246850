// The packer's settings of glibc's heap (pack.cpp, PackTimeline's start): a block under the size that is mapped for
// itself is still handed out once the heap can no longer grow in place. Valgrind caps the heap (brk) at 8 MB, and
// `chronoscope pack` under it threw std::bad_alloc for a 275 KB vector: with the trim threshold left at 128 KB,
// glibc 2.36 gave back the top it had just grown, in the same call. Here the heap is stopped by a page mapped just
// past its end, in a child process (the heap's state is the test's).
#include "core/generate.h"
#include "core/pack.h"

#include <gtest/gtest.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace chronoscope;

namespace {

// The child's steps; its exit code: 0 the block was handed out, 1 it was not, 2 the pack failed, 3 the heap could
// not be stopped here.
int Child(const std::string& dir)
{
    GenerateParams gp;
    gp.Count = 200;
    std::string json;
    GenerateTimelineJson(gp, &json);
    std::ofstream(dir + "/in.json", std::ios::binary) << json;
    PackOptions opt;
    PackStats st;
    std::string err;
    if (!PackTimeline((dir + "/in.json").c_str(), (dir + "/out").c_str(), opt, &st, &err))
        return 2;
    malloc_trim(0);   // the heap's top down to a page or so
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    const uintptr_t end = ((uintptr_t)sbrk(0) + page - 1) & ~(page - 1);
    // room for 512 KB more of heap: an 800 KB block does not fit (glibc maps a megabyte for its heap instead and
    // takes the block from it), a 300 KB one after it does (its 432 KB with glibc's pad of 128 KB) and is more than
    // is left of the megabyte
    void* stop = (void*)(end + (512u << 10));
    void* got = mmap(stop, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got != stop)
        return 3;
    char* volatile a = (char*)malloc(800u << 10);
    char* volatile b = (char*)malloc(300u << 10);
    return a && b ? 0 : 1;
}

} // namespace

TEST(PackHeap, BlockUnderTheMapThresholdOnceTheHeapCannotGrowInPlace)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("cs_pack_heap_" + std::to_string(getpid()));
    fs::create_directories(dir);
    fflush(nullptr);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0)
        _exit(Child(dir.string()));
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    fs::remove_all(dir);
    ASSERT_TRUE(WIFEXITED(status)) << status;
    if (WEXITSTATUS(status) == 3)
        GTEST_SKIP() << "the heap could not be stopped by a mapping";
    EXPECT_NE(WEXITSTATUS(status), 2) << "the pack failed";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "a 300 KB block was refused once the heap could not grow in place";
}

#endif
