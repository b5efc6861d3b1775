using HndGate.Engine.Models;

namespace HndGate.Engine.Tests.Models;

public sealed class TorchScriptDictOutputsTests
{
    private const string Source = """
        class Net(Module):
          __parameters__ = []
          conv1 : __torch__.torch.nn.modules.conv.Conv2d
          def forward(self: __torch__.m.Net,
            x: Tensor) -> Dict[str, Tensor]:
            conv10 = (self.conv1).forward(x, )
            _0 = {"a": conv10, "b.c": conv10}
            return _0
          def other(self: __torch__.m.Net,
            x: Tensor) -> Tensor:
            return x
        class Later(Module):
          pass
        """;

    [Fact]
    public void AddMethod_AppendsAMethodReturningTheNamedEntriesAsATuple_ToTheRootClass()
    {
        var patched = TorchScriptDictOutputs.AddMethod(Source, "__torch__.m.Net", "Net", "forward", ["b.c", "a"]);

        Assert.NotNull(patched);
        var lines = patched.Split('\n');
        var at = Array.IndexOf(lines, "  def hndgate_outputs(self: __torch__.m.Net,");
        Assert.True(at > 0, patched);
        Assert.Equal("    x: Tensor) -> Tuple[Tensor, Tensor]:", lines[at + 1]);
        Assert.Equal("    _hndgate = (self).forward(x, )", lines[at + 2]);
        Assert.Equal("    return (_hndgate[\"b.c\"], _hndgate[\"a\"])", lines[at + 3]);
        Assert.Equal("class Later(Module):", lines[at + 4]);
    }

    [Fact]
    public void AddMethod_MakesAOneElementTuple_ForOneOutput()
    {
        var patched = TorchScriptDictOutputs.AddMethod(Source, "__torch__.m.Net", "Net", "forward", ["a"]);

        Assert.Contains("    return (_hndgate[\"a\"],)", patched, StringComparison.Ordinal);
        Assert.Contains(") -> Tuple[Tensor]:", patched, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other", "Net")]
    [InlineData("forward", "Missing")]
    [InlineData("absent", "Net")]
    public void AddMethod_ChangesNothing_WhenTheMethodReturnsNoDict(string method, string className)
    {
        Assert.Null(TorchScriptDictOutputs.AddMethod(Source, "__torch__.m.Net", className, method, ["a"]));
    }

    [Fact]
    public void Patch_LeavesAModuleWithoutADictOutputAlone()
    {
        Assert.Null(TorchScriptDictOutputs.Patch(ExportedModels.Path("tiny_cnn_tuple.pt"), "forward", ["relu1"]));
    }
}
