// swift-tools-version:6.0
import Foundation
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CongKhai",
    // Linux only (Debian, as the README says): the build uses renameat2, syncfs and /proc, and
    // nothing is tested on macOS, so no Apple platform is declared.
    products: [
        .executable(name: "congkhai", targets: ["congkhai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // libcmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libqrencode from Debian (libqrencode-dev): QR codes on printed notices, as inline SVG.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Tiny C shim: renameat2(RENAME_EXCHANGE) is not visible to Swift through Glibc.
        .target(name: "CAtomicRename"),
        // Domain: notices, posting periods, statuses, calendar. No third-party dependencies.
        .target(name: "CongKhaiCore", swiftSettings: strict),
        // The only importer of CCmarkGFM.
        .target(name: "CongKhaiMarkdown", dependencies: ["CCmarkGFM"], swiftSettings: strict),
        // Load → select by clock → render → verify → publish → record, one folder per stage
        // (SiteBuilder.swift declares the steps); Check/ audits a built site, Scaffold/ writes notices.
        .target(
            name: "CongKhaiSite",
            dependencies: [
                "CongKhaiCore",
                "CongKhaiMarkdown",
                "CAtomicRename",
                "CQRencode",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // `congkhai serve`: live preview with Hummingbird, kept out of the site-building target.
        .target(
            name: "CongKhaiPreview",
            dependencies: [
                "CongKhaiSite",
                "CongKhaiCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "congkhai",
            dependencies: [
                "CongKhaiSite",
                "CongKhaiPreview",
                "CongKhaiCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "CongKhaiCoreTests", dependencies: ["CongKhaiCore"], swiftSettings: strict),
        .testTarget(name: "CongKhaiMarkdownTests", dependencies: ["CongKhaiMarkdown"], swiftSettings: strict),
        .testTarget(name: "CongKhaiPreviewTests", dependencies: ["CongKhaiPreview"], swiftSettings: strict),
        // Test-only code, never linked into `congkhai`: the HTML safety oracle of the tests and the fuzzer.
        .target(name: "CongKhaiTestSupport", swiftSettings: strict),
        .testTarget(
            name: "CongKhaiSiteTests",
            dependencies: ["CongKhaiSite", "CongKhaiCore", "CongKhaiTestSupport"],
            swiftSettings: strict
        ),
    ]
)

// The libFuzzer target exists only when scripts/fuzz asks for it: it has no `main` of its own
// (libFuzzer provides one under -sanitize=fuzzer), so an ordinary `swift build` must not see it.
if ProcessInfo.processInfo.environment["CONGKHAI_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "CongKhaiFuzz",
        dependencies: ["CongKhaiSite", "CongKhaiCore", "CongKhaiMarkdown", "CongKhaiTestSupport"],
        swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]
    ))
}
