import Foundation
import FunnelCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mailbox file open for reading at any offset (`pread`), so the entries of one mbox share one
/// descriptor and reading an entry never disturbs the scan that found it. Closed when released.
final class MailFile {
    let path: String
    let descriptor: Int32
    /// The size when opened: a reader sees the file as it was then (mail appended later is read next run).
    let size: Int

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MailFile.error(path, errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw MailFile.error(path, code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw FunnelError.invalid("\(path) is a folder, not an mbox file (a Maildir? read it with --maildir)")
            }
            throw FunnelError.invalid("\(path) is not a regular file: it cannot be read as mail")
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        let wanted = max(0, min(count, size - offset))
        guard wanted > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: wanted)
        var done = 0
        while done < wanted {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, wanted - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw MailFile.error(path, errno)
            }
            if got == 0 { break }
            done += got
        }
        if done < wanted { bytes.removeLast(wanted - done) }
        return bytes
    }

    static func error(_ path: String, _ code: Int32) -> FunnelError {
        let reason = String(cString: strerror(code))
        return code == ENOENT ? .notFound("\(path) does not exist") : .invalid("\(path) cannot be read: \(reason)")
    }
}
