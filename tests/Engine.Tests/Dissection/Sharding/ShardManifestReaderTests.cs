using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sharding;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Tests.Dissection.Sharding;

public sealed class ShardManifestReaderTests
{
    [Fact]
    public void Read_GivesBackThePlanWritten_ToTheLastBit()
    {
        using var dir = new TemporaryDirectory();
        var plan = TinyPlan.Make();
        var shard = new Shard(2, 3);
        var written = new ShardManifest(ShardContent.Phase1, shard, plan, shard.Range(3), shard.Range(3), null);
        File.WriteAllBytes(dir.Combine(ShardManifest.FileName), ShardManifestWriter.Serialize(written));

        var read = ShardManifestReader.Read(dir.Path, new JsonSchemaValidator());

        Assert.Equal((ShardContent.Phase1, shard, new ImageRange(1, 1), new ImageRange(1, 1)), (read.Content, read.Shard, read.Local, read.Global));
        Assert.Equal(1.2 / 3, read.Plan.Settings.FamilyThresholds[0].Value);
        Assert.Equal(1.2 / 3, read.Plan.Concepts.Families[0].Threshold);
        Assert.Equal([1, 0, 2], read.Plan.Concepts.Families[0].SubgroupImages);
        Assert.Equal(ShardManifestWriter.SerializePlan(plan), ShardManifestWriter.SerializePlan(read.Plan));
        Assert.Null(PlanDifference.Between(plan, read.Plan));
    }

    [Fact]
    public void Read_RefusesARangeThatIsNotTheShards_NamingTheFileAndPointer()
    {
        using var dir = new TemporaryDirectory();
        var written = new ShardManifest(ShardContent.Phase1, new Shard(2, 3), TinyPlan.Make(), new ImageRange(0, 1), new ImageRange(1, 1), null);
        File.WriteAllBytes(dir.Combine(ShardManifest.FileName), ShardManifestWriter.Serialize(written));

        var e = Assert.Throws<HndGateInputException>(() => ShardManifestReader.Read(dir.Path, new JsonSchemaValidator()));

        Assert.Equal(dir.Combine(ShardManifest.FileName), e.File);
        Assert.Equal("/local_images", e.JsonPointer);
        Assert.Contains("are not shard 2/3's [1, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesMergedThresholdsThatNameAShard_ThroughTheSchema()
    {
        using var dir = new TemporaryDirectory();
        var plan = TinyPlan.Make();
        var written = new ShardManifest(ShardContent.Phase1, new Shard(1, 1), plan, ImageRange.All(3), ImageRange.All(3), null);
        var text = System.Text.Encoding.UTF8.GetString(ShardManifestWriter.Serialize(written)).Replace("\"phase1\"", "\"thresholds\"", StringComparison.Ordinal);
        File.WriteAllText(dir.Combine(ShardManifest.FileName), text);

        var e = Assert.Throws<HndGateInputException>(() => ShardManifestReader.Read(dir.Path, new JsonSchemaValidator()));

        Assert.Contains("shard.schema.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnImageThatCarriesAConceptTheDictionaryLacks()
    {
        using var dir = new TemporaryDirectory();
        var plan = TinyPlan.Make();
        var written = new ShardManifest(ShardContent.Thresholds, null, plan, ImageRange.All(3), ImageRange.All(3), null);
        var text = System.Text.Encoding.UTF8.GetString(ShardManifestWriter.Serialize(written));
        // The second image carries concepts [0, 1]; make it [0, 7].
        var at = text.IndexOf("\"local/b.png\"", StringComparison.Ordinal);
        var one = text.IndexOf('1', text.IndexOf("\"concepts\"", at, StringComparison.Ordinal));
        File.WriteAllText(dir.Combine(ShardManifest.FileName), text[..one] + "7" + text[(one + 1)..]);

        var e = Assert.Throws<HndGateInputException>(() => ShardManifestReader.Read(dir.Path, new JsonSchemaValidator()));

        Assert.Equal("/dictionary", e.JsonPointer);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAFolderWithoutAManifest_SayingWhatItShouldBe()
    {
        using var dir = new TemporaryDirectory();

        var e = Assert.Throws<HndGateInputException>(() => ShardManifestReader.Read(dir.Path, new JsonSchemaValidator()));

        Assert.Equal(dir.Path, e.File);
        Assert.Contains("has no hnd-shard.json", e.Message, StringComparison.Ordinal);
    }
}
