// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "TrailGate",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TrailGateCore", targets: ["TrailGateCore"]),
        .library(name: "IAMPolicy", targets: ["IAMPolicy"]),
        .executable(name: "trailgate", targets: ["trailgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "TrailGateBasics"),
        .target(name: "OrderedJSON"),
        .target(name: "IAMPolicy", dependencies: ["OrderedJSON", "TrailGateBasics"]),
        .target(name: "TrailGateCore", dependencies: ["OrderedJSON", "IAMPolicy", "TrailGateBasics"]),
        .target(
            name: "AWSClient",
            dependencies: [
                "OrderedJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "TrailObjects", dependencies: ["CZlib"]),
        // Helpers for the test targets (zlib's deflate in memory, a seeded generator); no product uses them.
        .target(name: "TestSupport", dependencies: ["CZlib"], path: "Tests/TestSupport"),
        .target(
            name: "Integrity",
            dependencies: [
                "TrailObjects", "OrderedJSON", "TrailGateBasics",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TrailGateLive",
            dependencies: [
                "AWSClient", "EventStore", "Integrity", "OrderedJSON", "TrailGateBasics", "TrailGateCore",
                "TrailObjects",
            ]),
        .target(
            name: "TrailGateConfig",
            dependencies: ["TrailGateBasics", "TrailGateCore", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "trailgate",
            dependencies: [
                "TrailGateCore",
                "TrailGateLive",
                "Integrity",
                "AWSClient",
                "IAMPolicy",
                "EventStore",
                "TrailGateBasics",
                "TrailGateConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "EventStore",
            dependencies: [
                "TrailObjects", "TrailGateBasics", "OrderedJSON",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "eventstore-benchmark", dependencies: ["EventStore", "TrailObjects"],
            path: "Sources/EventStoreBenchmark"),
        .executableTarget(
            name: "policy-benchmark", dependencies: ["IAMPolicy", "OrderedJSON"], path: "Sources/PolicyBenchmark"),
        .executableTarget(
            name: "integrity-benchmark", dependencies: ["Integrity", "TrailObjects", "OrderedJSON"],
            path: "Sources/IntegrityBenchmark"),
        .testTarget(
            name: "IntegrityTests",
            dependencies: [
                "Integrity", "TrailObjects", "OrderedJSON", "TestSupport", "TrailGateBasics",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "TrailObjectsTests", dependencies: ["TrailObjects", "TestSupport"]),
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "TrailGateBasicsTests", dependencies: ["TrailGateBasics"]),
        .testTarget(name: "TrailGateConfigTests", dependencies: ["TrailGateConfig"]),
        .testTarget(
            name: "EventStoreTests",
            dependencies: ["EventStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "IAMPolicyTests", dependencies: ["IAMPolicy", "OrderedJSON"]),
        .testTarget(
            name: "AWSClientTests", dependencies: ["AWSClient", "OrderedJSON", "TestSupport"],
            exclude: ["Support/botocore_sign.py"]),
        .testTarget(
            name: "TrailGateCoreTests",
            dependencies: ["TrailGateCore", "OrderedJSON", "TestSupport", "TrailGateBasics"],
            exclude: ["Golden"]),
        .testTarget(name: "TrailGateLiveTests", dependencies: ["TrailGateLive", "TrailGateCore", "OrderedJSON"]),
        .testTarget(
            name: "TrailGateCLITests",
            dependencies: ["trailgate", "AWSClient", "TrailGateCore", "TrailGateLive", "TestSupport"],
            exclude: ["Support/moto_scenario.py", "Support/fault_proxy.py", "Support/asff_import.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
