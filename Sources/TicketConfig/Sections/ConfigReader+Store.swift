import Foundation
import TOMLKit

/// `[store]`.
extension ConfigReader {
    /// `[store]`: `url` (`postgres://USER@HOST:PORT/DB`, optional `?sslmode=`) and `password_file`;
    /// without `url` the store is SQLite in `state_dir`.
    mutating func readStore(_ table: TOMLTable?) -> StoreSettings {
        warnUnknown(table, prefix: "store", known: ["url", "password_file"])
        let passwordFile = string(table, "store", "password_file").map(resolve)
        guard let url = string(table, "store", "url") else {
            if passwordFile != nil { warn("store.password_file", "'password_file' without 'url' is ignored: the store is SQLite in state_dir") }
            return StoreSettings()
        }
        var password: String?
        if let passwordFile {
            if let data = FileManager.default.contents(atPath: passwordFile), let text = String(data: data, encoding: .utf8) {
                password = text.trimmingCharacters(in: .newlines)
            } else {
                error("store.password_file", "cannot read password file '\(passwordFile)'")
            }
        }
        do {
            return StoreSettings(postgres: try PostgresURL(url, password: password))
        } catch {
            self.error("store.url", error.description)
            return StoreSettings()
        }
    }
}
