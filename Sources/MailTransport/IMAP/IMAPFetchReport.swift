/// What a `UID FETCH` said besides the messages it delivered, in the server's own words.
public struct IMAPFetchReport: Sendable, Equatable {
    /// A FETCH response that could not be read as a message.
    public struct Malformed: Sendable, Equatable {
        /// The UID it named, if it named one.
        public var uid: UInt32?
        /// The response's first line (at most 200 characters).
        public var serverSaid: String
    }

    /// FETCH responses that named a body but could not be read.
    public var malformed: [Malformed] = []
    /// Untagged `NO`/`BAD` lines sent during the command.
    public var warnings: [String] = []
    /// The tagged `NO` that ended the command (some messages could not be read), if any.
    public var refusal: String?

    public init() {}

    /// The server's words about `uid`: its malformed response, else a `NO` for the command or
    /// a warning, else nil (it simply left the UID out).
    public func serverSaid(about uid: UInt32) -> String? {
        malformed.first { $0.uid == uid }?.serverSaid
            ?? malformed.first { $0.uid == nil }?.serverSaid ?? refusal ?? warnings.first
    }
}
