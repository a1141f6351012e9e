import CongKhaiSite
import Foundation

/// libFuzzer entry point: built only by `scripts/fuzz` (CONGKHAI_FUZZ=1, -sanitize=fuzzer).
/// Which loader is fuzzed: `CONGKHAI_FUZZ_TARGET=site` for site.yaml, otherwise a notice file.
let fuzzesSiteConfig = ProcessInfo.processInfo.environment["CONGKHAI_FUZZ_TARGET"] == "site"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if fuzzesSiteConfig {
        FuzzEntry.loadSiteConfig(data)
    } else {
        FuzzEntry.loadNotice(data)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's driver.
@_cdecl("CongKhaiFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
