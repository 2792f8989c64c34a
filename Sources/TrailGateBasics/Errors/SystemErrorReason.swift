import Foundation

/// Why a file operation failed, in the operating system's words.
public enum SystemErrorReason {
    /// The operating system's reason (`No such file or directory`) rather than Foundation's wrapper text.
    public static func of(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        return nsError.localizedDescription
    }
}
