import Foundation
import TestSupport
import Testing

@testable import TrailObjects

/// Both inflaters on the edge cases the digest check depends on (first member only, trailing data reported,
/// truncation reported with the output so far, corruption thrown), and agreeing with each other.
@Suite("Gzip inflaters")
struct GzipInflaterTests {
    static var inflaters: [any GzipInflater] {
        get throws {
            [
                ZlibInflater(chunkSize: 4096),
                try #require(LibdeflateInflater.shared, "libdeflate0 must be installed (.ci/run)"),
            ]
        }
    }

    let plain = GzipTestData.records(3000)

    @Test("a single member inflates whole")
    func singleMember() throws {
        let gz = Gzip.compress(plain)
        for inflater in try Self.inflaters {
            let (bytes, result) = try inflater.inflatedFirstMember(gz)
            #expect(bytes == plain, "\(inflater.name)")
            #expect(
                result
                    == GzipMemberResult(
                        inputBytes: gz.count, consumedBytes: gz.count, outputBytes: plain.count, isComplete: true))
            #expect(result.trailingBytes == 0)
        }
    }

    @Test("a second member is not inflated, but counted")
    func secondMember() throws {
        let first = Gzip.compress(plain)
        let second = Gzip.compress(Data("{\"Records\":[{\"forged\":true}]}".utf8))
        for inflater in try Self.inflaters {
            let (bytes, result) = try inflater.inflatedFirstMember(first + second)
            #expect(bytes == plain, "\(inflater.name)")
            #expect(result.isComplete)
            #expect(result.trailingBytes == second.count, "\(inflater.name)")
        }
    }

    @Test("junk after the member is trailing data")
    func junkAfterMember() throws {
        let gz = Gzip.compress(plain) + Data("junkjunk".utf8)
        for inflater in try Self.inflaters {
            let (bytes, result) = try inflater.inflatedFirstMember(gz)
            #expect(bytes == plain, "\(inflater.name)")
            #expect(result.trailingBytes == 8, "\(inflater.name)")
        }
    }

    @Test("truncation is reported with the output so far")
    func truncation() throws {
        let gz = Gzip.compress(plain)
        for inflater in try Self.inflaters {
            // Only the trailer (CRC and length) missing: all of the content, but not complete.
            let (whole, trailerless) = try inflater.inflatedFirstMember(gz.prefix(gz.count - 8))
            #expect(whole == plain, "\(inflater.name)")
            #expect(!trailerless.isComplete && trailerless.trailingBytes == 0)
            let (part, cut) = try inflater.inflatedFirstMember(gz.prefix(gz.count / 2))
            #expect(!cut.isComplete, "\(inflater.name)")
            #expect(part.count < plain.count && plain.starts(with: part), "\(inflater.name)")
            let (nothing, empty) = try inflater.inflatedFirstMember(Data())
            #expect(nothing.isEmpty && !empty.isComplete)
        }
    }

    @Test("data that is not gzip, and corrupt members, throw")
    func notGzipOrCorrupt() throws {
        var badCRC = Gzip.compress(plain)
        badCRC[badCRC.count - 6] ^= 0xFF
        var badData = Gzip.compress(plain)
        badData[40] ^= 0xFF
        for inflater in try Self.inflaters {
            #expect(throws: GzipError.self, "\(inflater.name)") { try inflater.inflatedFirstMember(plain) }
            #expect(throws: GzipError.self, "\(inflater.name)") { try inflater.inflatedFirstMember(badCRC) }
            #expect(throws: GzipError.self, "\(inflater.name)") { try inflater.inflatedFirstMember(badData) }
        }
    }

    @Test("both inflaters agree on many inputs")
    func bothInflatersAgree() throws {
        let inflaters = try Self.inflaters
        for size in [0, 1, 100, 5000, 40000] {
            let data = GzipTestData.records(size, seed: UInt64(size) + 3)
            for level: Int32 in [1, 9] {
                let gz = Gzip.compress(data, level: level)
                for input in [gz, gz + gz, gz.prefix(gz.count - 3), gz + Data([0x1f])] {
                    let results = try inflaters.map { try $0.inflatedFirstMember(input) }
                    #expect(results[0].bytes == results[1].bytes, "size \(size) level \(level)")
                    #expect(results[0].result == results[1].result, "size \(size) level \(level)")
                }
            }
        }
    }

    @Test("libdeflate grows past a misleading length trailer")
    func misleadingLengthTrailer() throws {
        let libdeflate = try #require(LibdeflateInflater(libraryName: "libdeflate.so.0", maxOutputBytes: 1 << 30))
        // Trailing bytes 00 00 00 00 make the "length" at the end say 0.
        let gz = Gzip.compress(plain) + Data(repeating: 0, count: 4)
        let (bytes, result) = try libdeflate.inflatedFirstMember(gz)
        #expect(bytes == plain)
        #expect(result.trailingBytes == 4)
    }

    @Test("libdeflate hands large members to zlib")
    func largeMembers() throws {
        let small = try #require(LibdeflateInflater(libraryName: "libdeflate.so.0", maxOutputBytes: 64 * 1024))
        let gz = Gzip.compress(plain)
        #expect(plain.count > 64 * 1024)
        #expect(try small.inflatedFirstMember(gz).bytes == plain)
    }

    @Test("an inflater is chosen by name")
    func choosingAnInflater() throws {
        #expect(GzipInflaters.named("zlib")?.name == "zlib")
        #expect(GzipInflaters.named("libdeflate")?.name == "libdeflate")
        #expect(GzipInflaters.named("auto")?.name == "libdeflate")
        #expect(GzipInflaters.named("brotli") == nil)
        #expect(LibdeflateInflater(libraryName: "libdoesnotexist.so.9") == nil)
    }

    @Test("an output limit stops a bomb at the limit and lets a member of exactly the limit through")
    func outputLimit() throws {
        let bomb = Gzip.compress(Data(count: 4 << 20))
        let growing = try #require(LibdeflateInflater(libraryName: "libdeflate.so.0", maxOutputBytes: 64 * 1024))
        for inflater in try Self.inflaters + [growing] {
            #expect(throws: GzipOutputLimitError(limit: 1 << 20), "\(inflater.name)") {
                try inflater.inflatedFirstMember(bomb, outputLimit: 1 << 20)
            }
            var handedOn = 0
            _ = try? inflater.inflateFirstMember(bomb, outputLimit: 1 << 20) { handedOn += $0.count }
            #expect(handedOn <= 1 << 20, "\(inflater.name)")
            let exact = try inflater.inflatedFirstMember(Gzip.compress(plain), outputLimit: plain.count)
            #expect(exact.bytes == plain, "\(inflater.name)")
        }
        #expect(GzipOutputLimitError(limit: 64 << 20).description == "inflates to more than 64 MiB")
    }
}
