internal import CPCRE2

/// A compiled PCRE2 pattern (UTF-8, Unicode properties for `\w` and `\b`), matched with limits.
///
/// PCRE2 backtracks, so the match and depth limits are what keep `(a+)+$` from stalling intake:
/// a hostile pattern ends with `RegexOutcome.failed` after a bounded amount of work. The pattern
/// is interpreted, not JIT-compiled: the systemd unit forbids writable executable memory
/// (`MemoryDenyWriteExecute=yes`), and one engine everywhere keeps limits and tests the same.
///
/// A class only to own the C allocation; it is immutable after `init`, and PCRE2 documents compiled
/// patterns and match contexts as safe to share between threads that match concurrently.
final class RegexPattern: @unchecked Sendable {
    /// What one match attempt found.
    enum Outcome: Equatable {
        case matched
        case notMatched
        /// A limit was hit or PCRE2 failed; the message says which.
        case failed(String)
    }

    /// Why a pattern did not compile: PCRE2's own message and the offset in the pattern (in bytes).
    struct CompileError: Error, Equatable {
        var message: String
        var offset: Int
    }

    private let code: OpaquePointer
    private let context: OpaquePointer

    /// Compiles `pattern`; `matchLimit` and `depthLimit` bound each later match.
    init(_ pattern: String, matchLimit: UInt32, depthLimit: UInt32) throws(CompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw CompileError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw CompileError(message: "out of memory", offset: 0)
        }
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        self.code = compiled
        self.context = context
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// Searches `text` (valid UTF-8, as every Swift string is) for the pattern.
    func firstMatch(in text: String) -> Outcome {
        var text = text
        return text.withUTF8 { buffer in
            guard let matchData = pcre2_match_data_create_8(1, nil) else { return .failed("out of memory") }
            defer { pcre2_match_data_free_8(matchData) }
            let result = pcre2_match_8(code, buffer.baseAddress, buffer.count, 0, PCRE2_NO_UTF_CHECK, matchData, context)
            switch result {
            case 0...: return .matched
            case PCRE2_ERROR_NOMATCH: return .notMatched
            case PCRE2_ERROR_MATCHLIMIT: return .failed("the regex needed too many steps (match limit reached)")
            case PCRE2_ERROR_DEPTHLIMIT: return .failed("the regex backtracked too deeply (depth limit reached)")
            default: return .failed(Self.message(for: result))
            }
        }
    }

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(code)"
    }
}
