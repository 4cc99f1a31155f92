import Foundation
import TicketCore

/// The secrets staff reply tokens are signed with, in `state_dir/staff-keys.json` (mode 0600),
/// created with one random key on first use and rotated with `ticketd staff rotate-key`.
///
/// Several processes may start at once (the MTA runs one `ticketd ingest` per mail): the file is
/// written to a temporary name and linked into place, so the first one wins and the rest read it.
public struct StaffKeyFile: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = (stateDirectory as NSString).appendingPathComponent("staff-keys.json")
    }

    /// The keyring in the file, creating the file with one new key when there is none.
    public func loadOrCreate() throws(StaffKeyFileError) -> StaffKeyring {
        if !FileManager.default.fileExists(atPath: path) {
            try create(Stored(current: "k1", keys: [.init(id: "k1", secret: Self.newSecret(), retiredUntil: nil)]))
        }
        return try keyring(try read())
    }

    /// A new current key; the old current one keeps verifying until `now + keepOld`, so
    /// notifications already in staff inboxes stay answerable. Keys retired before `now` are dropped.
    @discardableResult
    public func rotate(now: Date, keepOld: TimeInterval) throws(StaffKeyFileError) -> StaffKeyring {
        _ = try loadOrCreate()
        var stored = try read()
        let numbers = stored.keys.compactMap { Int($0.id.dropFirst()) }
        let id = "k\((numbers.max() ?? 0) + 1)"
        stored.keys = stored.keys.compactMap { key in
            var key = key
            if key.id == stored.current { key.retiredUntil = now + keepOld }
            return (key.retiredUntil ?? .distantFuture) > now ? key : nil
        }
        stored.keys.append(.init(id: id, secret: Self.newSecret(), retiredUntil: nil))
        stored.current = id
        try replace(stored)
        return try keyring(stored)
    }

    struct Stored: Codable {
        var current: String
        var keys: [Key]

        struct Key: Codable {
            var id: String
            /// Hex.
            var secret: String
            var retiredUntil: Date?

            enum CodingKeys: String, CodingKey {
                case id, secret, retiredUntil = "retired_until"
            }
        }
    }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    func keyring(_ stored: Stored) throws(StaffKeyFileError) -> StaffKeyring {
        var secrets: [String: [UInt8]] = [:]
        var retired: [String: Date] = [:]
        for key in stored.keys {
            guard let bytes = Self.bytes(hex: key.secret) else { throw .damaged(path: path, reason: "key \(key.id) is not hex") }
            secrets[key.id] = bytes
            if let until = key.retiredUntil, key.id != stored.current { retired[key.id] = until }
        }
        do {
            return try StaffKeyring(secrets: secrets, currentID: stored.current, retiredUntil: retired)
        } catch {
            throw .damaged(path: path, reason: error.description)
        }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    func read() throws(StaffKeyFileError) -> Stored {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Stored.self, from: data)
        } catch {
            throw .damaged(path: path, reason: "\(error)")
        }
    }

    /// Writes `stored` under a temporary name (0600, fsynced) and returns that name.
    func writeTemporary(_ stored: Stored) throws(StaffKeyFileError) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(stored) else { throw .unwritable(path: path, reason: "cannot encode the keys") }
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: temporary, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .unwritable(path: temporary, reason: reason)
        }
        return temporary
    }

    /// The first writer wins: linking fails when another process created the file meanwhile.
    func create(_ stored: Stored) throws(StaffKeyFileError) {
        let temporary = try writeTemporary(stored)
        defer { unlink(temporary) }
        if link(temporary, path) != 0, errno != EEXIST {
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    func replace(_ stored: Stored) throws(StaffKeyFileError) {
        let temporary = try writeTemporary(stored)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .unwritable(path: path, reason: reason)
        }
    }
}

/// Why the staff key file could not be used.
public enum StaffKeyFileError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case damaged(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path):
            "cannot read the staff key file \(path): check that ticketd's user owns it (mode 0600)"
        case let .damaged(path, reason):
            "the staff key file \(path) is damaged (\(reason)): restore it from a backup, or remove it and rotate (staff replies to older notifications are then held)"
        case let .unwritable(path, reason):
            "cannot write the staff key file \(path): \(reason); check state_dir's owner and free space"
        }
    }
}
