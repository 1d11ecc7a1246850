// ReadFileBytes: a whole small file, or why not.
#include "core/file_bytes.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

using namespace chronoscope;

namespace {

std::string TempPath(const char* name)
{
    const char* dir = getenv("TMPDIR");
    return std::string(dir && dir[0] ? dir : "/tmp") + "/cs_file_bytes_" + std::to_string(getpid()) + "_" + name;
}

void Write(const std::string& path, const std::string& bytes)
{
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fwrite(bytes.data(), 1, bytes.size(), f);
    fclose(f);
}

} // namespace

TEST(FileBytes, ReadsAWholeFile)
{
    const std::string p = TempPath("whole");
    std::string data;
    for (int i = 0; i < 200000; i++)
        data += (char)(i * 7);
    Write(p, data);
    std::vector<uint8_t> out = {1, 2, 3};
    std::string why;
    ASSERT_TRUE(ReadFileBytes(p.c_str(), data.size(), &out, &why)) << why;
    EXPECT_EQ(std::string(out.begin(), out.end()), data);
    Write(p, "");
    ASSERT_TRUE(ReadFileBytes(p.c_str(), 10, &out, &why)) << why;
    EXPECT_TRUE(out.empty());
    remove(p.c_str());
}

TEST(FileBytes, RefusesWhatItCannotRead)
{
    std::vector<uint8_t> out = {1};
    std::string why;
    EXPECT_FALSE(ReadFileBytes(TempPath("missing").c_str(), 100, &out, &why));
    EXPECT_EQ(why, "No such file or directory");
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(ReadFileBytes("/", 100, &out, &why));
    EXPECT_EQ(why, "is a directory");
    const std::string p = TempPath("big");
    Write(p, std::string(101, 'x'));
    EXPECT_FALSE(ReadFileBytes(p.c_str(), 100, &out, &why));
    EXPECT_EQ(why, "file too large");
    EXPECT_TRUE(ReadFileBytes(p.c_str(), 101, &out, nullptr));
    EXPECT_EQ(out.size(), 101u);
    remove(p.c_str());
}

// A FIFO has no size up front: it is read as it comes, and refused once it passes the limit.
TEST(FileBytes, ReadsAStreamUpToItsLimit)
{
    const std::string p = TempPath("fifo");
    ASSERT_EQ(mkfifo(p.c_str(), 0600), 0);
    signal(SIGPIPE, SIG_IGN);   // the reader stops first when the stream is too large
    for (size_t n : {(size_t)70000, (size_t)300000}) {
        std::thread writer([&] {
            int fd = open(p.c_str(), O_WRONLY);
            std::string chunk(n, 'y');
            size_t off = 0;
            while (off < chunk.size()) {
                ssize_t k = write(fd, chunk.data() + off, chunk.size() - off);
                if (k <= 0)
                    break;   // the reader refused the rest and closed its end
                off += (size_t)k;
            }
            close(fd);
        });
        std::vector<uint8_t> out;
        std::string why;
        const bool ok = ReadFileBytes(p.c_str(), 100000, &out, &why);
        writer.join();
        if (n <= 100000) {
            EXPECT_TRUE(ok) << why;
            EXPECT_EQ(out.size(), n);
        } else {
            EXPECT_FALSE(ok);
            EXPECT_EQ(why, "file too large");
        }
    }
    remove(p.c_str());
}
