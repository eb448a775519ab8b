#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Guards recursion against stack exhaustion: besides the explicit depth
/// limits, recursive walks stop when the current thread's stack is nearly
/// used up (threads may have small stacks, e.g. 512 KiB).
enum StackGuard {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The lowest stack address this thread may reach (plus a safety margin), 0 when unknown.
    static func limit() -> UInt {
        #if os(Linux)
        if let p = pthread_getspecific(key) { return UInt(bitPattern: p) }
        var attr = pthread_attr_t()
        var limit: UInt = 1
        // pthread_getattr_np is a GNU extension the Glibc module does not export; look it up.
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np"),
           unsafeBitCast(sym, to: GetAttr.self)(pthread_self(), &attr) == 0 {
            var addr: UnsafeMutableRawPointer?
            var size = 0
            if pthread_attr_getstack(&attr, &addr, &size) == 0, let a = addr {
                limit = UInt(bitPattern: a) + UInt(min(max(size / 4, 64 * 1024), 256 * 1024))
            }
            pthread_attr_destroy(&attr)
        }
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: limit))
        return limit
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return top - size + min(max(size / 4, 64 * 1024), 256 * 1024)
        #else
        return 0
        #endif
    }

    /// An address in the caller's frame.
    @inline(__always)
    static func here() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// True when the stack is too deep to recurse further.
    @inline(__always)
    static func exhausted(_ limit: UInt) -> Bool { limit > 1 && here() < limit }
}
