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
    case .keyvalueEdit: KeyValueEditFuzz.run(input)
    case .jsonEdit: JSONEditFuzz.run(input)
    case .auditRow: AuditRowFuzz.run(input)
    case .commandLine: CommandLineFuzz.run(input)
    case .checkpoint: CheckpointFuzz.run(input)
    case .ldapResult: LDAPResultFuzz.run(input)
    }
    return 0
}

/// (In this file, not its own: a @_cdecl function referenced from another file gets a second
/// C thunk there, and the link sees two definitions.)
/// SwiftPM links a debug executable with `main` pointing at `CredVaultFuzz_main` (so that
/// tests could import it); a libFuzzer binary has no main of its own, so this one hands
/// control to libFuzzer's driver with the target's entry point.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("CredVaultFuzz_main")
func credvaultFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, credvaultFuzzOne)
}
