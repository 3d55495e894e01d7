import Foundation
import GRDB
@testable import CredVault

/// libFuzzer's entry point. One binary serves every target; CREDVAULT_FUZZ_TARGET picks one
/// (bench/fuzz/run sets it). A property that does not hold stops the process, which is what
/// libFuzzer records as a crash, with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func credvaultFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    switch FuzzTarget.selected {
    case .importJSONL: FuzzTarget.importParse(input, .jsonl)
    case .importCSV: FuzzTarget.importParse(input, .csv)
    case .jsonString: FuzzTarget.jsonStringRoundTrip(input)
    case .checkedRow: FuzzTarget.checkedRows(input)
    }
    return 0
}
