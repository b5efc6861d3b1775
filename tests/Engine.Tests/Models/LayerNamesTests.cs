using HndGate.Engine.Models;

namespace HndGate.Engine.Tests.Models;

public sealed class LayerNamesTests
{
    [Fact]
    public void Nearest_PutsNamesContainingTheQueryFirst_ThenTheFewestEdits()
    {
        string[] names = ["logits", "/conv1/Conv_output_0", "/conv2/Conv_output_0", "/relu2/Relu_output_0", "conv"];

        var nearest = LayerNames.Nearest(names, "conv2");

        Assert.Equal(["/conv2/Conv_output_0", "conv", "logits", "/conv1/Conv_output_0", "/relu2/Relu_output_0"], nearest);
    }

    [Fact]
    public void Nearest_ListsAtMostFive_DistinctNonEmptyNames()
    {
        string[] names = ["a1", "a1", "", "a2", "a3", "a4", "a5", "a6"];

        var nearest = LayerNames.Nearest(names, "a");

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], nearest);
    }
}
