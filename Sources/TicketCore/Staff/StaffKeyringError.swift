/// Why a ``StaffKeyring`` cannot be built from the keys given.
public enum StaffKeyringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key id is not 1–8 lower-case letters and digits.
    case invalidKeyID(String)
    /// A secret is shorter than ``StaffKeyring/minimumSecretLength`` bytes.
    case secretTooShort(keyID: String, length: Int)
    /// The current key id has no secret.
    case missingCurrentKey(String)
    /// A retired key id has no secret.
    case missingRetiredKey(String)
    /// The current key is also listed as retired.
    case currentKeyRetired(String)

    public var description: String {
        switch self {
        case let .invalidKeyID(id):
            "staff key id '\(id)' must be 1 to 8 lower-case letters and digits"
        case let .secretTooShort(id, length):
            "staff key '\(id)' has \(length) bytes; a key needs at least \(StaffKeyring.minimumSecretLength) random bytes"
        case let .missingCurrentKey(id):
            "the current staff key '\(id)' has no secret"
        case let .missingRetiredKey(id):
            "the retired staff key '\(id)' has no secret"
        case let .currentKeyRetired(id):
            "staff key '\(id)' is both current and retired"
        }
    }
}
