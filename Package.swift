// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cds-report",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cds-report", targets: ["cds-report"]),
        .library(name: "CDSReport", targets: ["CDSReport"]),
        .library(name: "XLSX", targets: ["XLSX"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "XLSX", dependencies: ["CXLSXWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "CDSReport",
            dependencies: [
                "XLSX",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "cds-report",
            dependencies: ["CDSReport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["CDSReport"], path: "Tests/TestSupport"),
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "CDSReportTests",
            dependencies: ["CDSReport", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
