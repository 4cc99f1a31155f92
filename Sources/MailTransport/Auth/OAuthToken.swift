import Foundation
import Synchronization

/// Where an XOAUTH2 bearer token comes from.
public enum OAuthTokenSource: Sendable, Hashable {
    /// A file holding the token (kept fresh by another program); read again at every login.
    case file(String)
    /// A shell command printing the token, or JSON `{"access_token": "…", "expires_in": 3600}`;
    /// run again when the token expires or the server refuses it.
    case command(String)
}

/// A bearer token and when it stops being usable.
public struct OAuthToken: Sendable, Equatable {
    public var value: String
    public var expires: Date?

    public init(value: String, expires: Date?) {
        self.value = value
        self.expires = expires
    }

    /// Reads a token from a file's or a command's output: a bare token, or JSON with
    /// `access_token` and optionally `expires_in` (seconds) — or `expires_at` (Unix seconds).
    public static func parse(_ output: String, now: Date) -> OAuthToken? {
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("{") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let token = object["access_token"] as? String, !token.isEmpty
            else { return nil }
            var expires: Date?
            if let seconds = (object["expires_in"] as? NSNumber)?.doubleValue {
                expires = now + seconds
            } else if let at = (object["expires_at"] as? NSNumber)?.doubleValue {
                expires = Date(timeIntervalSince1970: at)
            }
            return OAuthToken(value: token, expires: expires)
        }
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return OAuthToken(value: firstLine.trimmingCharacters(in: .whitespaces), expires: nil)
    }
}

/// Hands out XOAUTH2 tokens, refreshing them shortly before they expire or after a refusal.
///
/// One provider per token source is shared by every connection (`OAuthTokenProvider.shared(for:)`),
/// so a burst of logins runs the token command once.
public final class OAuthTokenProvider: Sendable {
    public let source: OAuthTokenSource
    /// A bare token from a command is trusted this long.
    let defaultLifetime: TimeInterval
    /// Refreshed this long before the announced expiry.
    let margin: TimeInterval = 60
    private let cached = Mutex<OAuthToken?>(nil)

    public init(source: OAuthTokenSource, defaultLifetime: TimeInterval = 300) {
        self.source = source
        self.defaultLifetime = defaultLifetime
    }

    private static let registry = Mutex<[OAuthTokenSource: OAuthTokenProvider]>([:])

    public static func shared(for source: OAuthTokenSource) -> OAuthTokenProvider {
        registry.withLock { providers in
            if let provider = providers[source] { return provider }
            let provider = OAuthTokenProvider(source: source)
            providers[source] = provider
            return provider
        }
    }

    /// A usable token: the cached one, or a fresh one.
    public func token(now: Date = Date()) throws(TransportError) -> String {
        if case let .file(path) = source {
            return try read(path: path, now: now).value
        }
        if let token = cached.withLock({ $0 }), let expires = token.expires, expires - margin > now {
            return token.value
        }
        let fresh = try fetch(now: now)
        cached.withLock { $0 = fresh }
        return fresh.value
    }

    /// Forgets the cached token (the server refused it).
    public func invalidate() {
        cached.withLock { $0 = nil }
    }

    private func fetch(now: Date) throws(TransportError) -> OAuthToken {
        switch source {
        case let .file(path):
            return try read(path: path, now: now)
        case let .command(command):
            let output = try Self.run(command)
            guard var token = OAuthToken.parse(output, now: now) else {
                throw .authenticationFailed(server: "oauth_token_command", reason: "'\(command)' printed no token")
            }
            if token.expires == nil { token.expires = now + defaultLifetime }
            return token
        }
    }

    private func read(path: String, now: Date) throws(TransportError) -> OAuthToken {
        guard let data = FileManager.default.contents(atPath: path),
            let token = OAuthToken.parse(String(decoding: data, as: UTF8.self), now: now)
        else {
            throw .authenticationFailed(server: "oauth_token_file", reason: "cannot read a token from '\(path)'")
        }
        return token
    }

    private static func run(_ command: String) throws(TransportError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .authenticationFailed(server: "oauth_token_command", reason: "cannot run '\(command)': \(error)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .authenticationFailed(
                server: "oauth_token_command", reason: "'\(command)' exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
