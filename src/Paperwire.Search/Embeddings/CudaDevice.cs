using Microsoft.ML.OnnxRuntime;

namespace Paperwire.Search.Embeddings;

/// <summary>Whether this machine has an NVIDIA GPU with its driver loaded (what ONNX Runtime's CUDA provider needs).</summary>
public static class CudaDevice
{
    /// <summary>The NVIDIA kernel driver publishes its version here once loaded; without it CUDA cannot run.</summary>
    private const string DriverVersionFile = "/proc/driver/nvidia/version";

    /// <summary>Null when a GPU is usable; otherwise why not, in words for an operator.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the CUDA device is supported on Linux only";
        }

        return File.Exists(DriverVersionFile) && File.Exists("/dev/nvidiactl")
            ? null
            : $"no NVIDIA GPU found ({DriverVersionFile} or /dev/nvidiactl is missing: no GPU, or its driver is not loaded)";
    }

    /// <summary>
    /// Null when this build's ONNX Runtime has the CUDA provider; otherwise how to get it. The default build carries
    /// ONNX Runtime's CPU package; <c>dotnet build -p:PaperwireGpu=true</c> swaps in the CUDA one (docs/search.md).
    /// </summary>
    public static string? WhyNoProvider() =>
        OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider", StringComparer.Ordinal)
            ? null
            : "this build of Paperwire has ONNX Runtime's CPU package only; build it with -p:PaperwireGpu=true for the CUDA one (docs/search.md)";
}
