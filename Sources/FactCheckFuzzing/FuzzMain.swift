import CLibFuzzer
import Glibc

/// A fuzz target's main: libFuzzer's driver in a fuzzing build (`make fuzz`), else a replay of the
/// files and folders named on the command line.
public enum FuzzMain {
    public static func run(
        _ check: @escaping ([UInt8]) -> Void,
        callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        FuzzReplay.run(check)
        exit(0)
        #endif
    }
}
