// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ticketd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ticketd", targets: ["ticketd"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Knowledge-base articles: Markdown to HTML by a maintained, dependency-free parser.
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        // Several daemons on one PostgreSQL ([store] url): the maintained Swift client of the
        // PostgreSQL wire protocol. Used only by TicketStorePostgres; SQLite stays on GRDB.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // SHA-256 for content-addressed attachments and HMAC-SHA256 for staff reply tokens: OpenSSL's
        // libcrypto is on every host that has libcurl-openssl, audited and maintained; swift-crypto
        // would rebuild BoringSSL in every CI run.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // glibc's allocator controls for the daemon's footprint (HeapFootprint): part of libc, no package.
        .systemLibrary(name: "CMalloc"),
        // Rule regexes: PCRE2 enforces match and depth limits, so a hostile pattern ends with an
        // error instead of stalling intake; Foundation's NSRegularExpression has no such limit.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "MailMessage", swiftSettings: strictSettings),
        .target(name: "BusinessTime", swiftSettings: strictSettings),
        .target(name: "SpamFilter", dependencies: ["MailMessage"], swiftSettings: strictSettings),
        .target(
            name: "TicketCore",
            dependencies: [
                "MailMessage", "BusinessTime", "CLibCrypto", "CPCRE2",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TicketConfig",
            dependencies: ["TicketCore", "BusinessTime", "MailTransport", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MailTransport",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TicketStore",
            dependencies: [
                "TicketCore", "SpamFilter", "MailMessage", "CLibCrypto", .product(name: "GRDB", package: "GRDB.swift"),
                // The HTML report page: the same Mustache renderer as mail templates, escaping every value.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        // The PostgreSQL store behind the same protocols as SQLiteStorage, for several daemons.
        .target(
            name: "TicketStorePostgres",
            dependencies: [
                "TicketStore", "TicketCore", "TicketConfig", "SpamFilter", "MailMessage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TicketDaemon",
            dependencies: [
                "TicketCore", "TicketConfig", "TicketStore", "TicketStorePostgres", "MailTransport", "MailMessage", "SpamFilter", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ticketd",
            dependencies: [
                "TicketDaemon", "TicketConfig", "TicketStore", "TicketStorePostgres", "TicketCore", "MailTransport", "MailMessage", "SpamFilter",
                "BusinessTime", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "spam-eval",
            dependencies: ["SpamFilter", "MailMessage"],
            path: "Benchmarks/spam-eval",
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "slip-bench", dependencies: ["TicketCore", "BusinessTime"], path: "Benchmarks/slip-bench", swiftSettings: strictSettings),
        .executableTarget(name: "imap-sync-bench", dependencies: ["MailTransport"], path: "Benchmarks/imap-sync", swiftSettings: strictSettings),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport"]),
        .executableTarget(
            name: "mime-parse",
            dependencies: ["MailMessage"],
            path: "Benchmarks/mime-parse",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "rule-bench",
            dependencies: ["TicketCore", "MailMessage"],
            path: "Benchmarks/rule-bench",
            swiftSettings: strictSettings
        ),
        .target(name: "TestSupport", dependencies: ["TicketCore", "MailMessage", "BusinessTime"], path: "Tests/TestSupport"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage", "TestSupport"]),
        .testTarget(name: "BusinessTimeTests", dependencies: ["BusinessTime"]),
        .testTarget(name: "SpamFilterTests", dependencies: ["SpamFilter", "MailMessage"]),
        .testTarget(name: "TicketCoreTests", dependencies: ["TicketCore", "MailMessage", "BusinessTime", "TestSupport"]),
        .testTarget(name: "TicketConfigTests", dependencies: ["TicketConfig", "TicketCore"]),
        .testTarget(
            name: "TicketDaemonTests",
            dependencies: [
                "TicketDaemon", "TicketStore", "TicketCore", "TicketConfig", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "TicketStoreTests",
            dependencies: ["TicketStore", "TicketCore", "BusinessTime", "MailMessage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "TicketDaemon", "MailTransport", "TicketStore", "TicketConfig", "MailMessage", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)
