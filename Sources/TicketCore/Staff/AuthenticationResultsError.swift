/// Why an `Authentication-Results` header value could not be read.
public enum AuthenticationResultsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing, or only white space and comments.
    case empty
    /// A `(` without its `)`.
    case unterminatedComment
    /// A `"` without its closing `"`.
    case unterminatedQuotedString
    /// No `; method=result` and no `; none` after the authserv-id.
    case missingResults
    /// A result that is not `method=result`.
    case malformedResult(String)
    /// A property that is not `name=value`.
    case malformedProperty(String)
    /// A character where none of the grammar fits, at this UTF-8 offset.
    case unexpectedCharacter(offset: Int)

    public var description: String {
        switch self {
        case .empty: "empty Authentication-Results header"
        case .unterminatedComment: "Authentication-Results header with an unterminated comment"
        case .unterminatedQuotedString: "Authentication-Results header with an unterminated quoted string"
        case .missingResults: "Authentication-Results header without results"
        case let .malformedResult(text): "Authentication-Results result '\(text.prefix(40))' is not method=result"
        case let .malformedProperty(text): "Authentication-Results property '\(text.prefix(40))' is not name=value"
        case let .unexpectedCharacter(offset): "unexpected character at offset \(offset) of an Authentication-Results header"
        }
    }
}
