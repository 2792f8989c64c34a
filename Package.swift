// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "TrailGate",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TrailGateCore", targets: ["TrailGateCore"]),
        .executable(name: "trailgate", targets: ["trailgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "TrailGateCore"),
        .executableTarget(
            name: "trailgate",
            dependencies: [
                "TrailGateCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TrailGateCoreTests", dependencies: ["TrailGateCore"]),
        .testTarget(name: "TrailGateCLITests", dependencies: ["trailgate"]),
    ],
    swiftLanguageModes: [.v6]
)
