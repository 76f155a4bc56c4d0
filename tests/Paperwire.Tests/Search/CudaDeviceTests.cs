using Paperwire.Search.Embeddings;

namespace Paperwire.Tests.Search;

/// <summary><c>embed --device cuda</c> on a build without ONNX Runtime's CUDA package says how to get one.</summary>
public class CudaDeviceTests
{
    [Fact]
    public void TheDefaultBuild_HasNoCudaProvider_AndSaysHowToBuildOne()
    {
        Assert.SkipWhen(CudaDevice.WhyNoProvider() is null, "This is a -p:PaperwireGpu=true build.");

        Assert.Equal(
            "this build of Paperwire has ONNX Runtime's CPU package only; build it with -p:PaperwireGpu=true for the CUDA one (docs/search.md)",
            CudaDevice.WhyNoProvider());
    }
}
