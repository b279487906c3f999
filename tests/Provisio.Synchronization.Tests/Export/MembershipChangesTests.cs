using Provisio.Scim;
using Provisio.Scim.Client;
using Provisio.Synchronization.Export;

namespace Provisio.Synchronization.Tests.Export;

public sealed class MembershipChangesTests
{
    [Fact]
    public void Compute_MembersJoinedAndLeft_AddsAndRemovesOnlyThose()
    {
        var changes = MembershipChanges.Compute(lastExported: ["t1", "t2", "t3", "t4"], current: ["t2", "t5", "t4", "t6"]);

        changes.Added.ShouldBe(["t5", "t6"]);
        changes.Removed.ShouldBe(["t1", "t3"]);
    }

    [Fact]
    public void Compute_SameMembersInAnotherOrder_None()
    {
        var changes = MembershipChanges.Compute(["a", "b", "c"], ["c", "a", "b"]);

        changes.IsEmpty.ShouldBeTrue();
        changes.ShouldBeSameAs(MembershipChanges.None);
    }

    [Fact]
    public void Compute_Duplicates_EachIdOnce()
    {
        var changes = MembershipChanges.Compute(["a", "a", "b"], ["c", "c", "b"]);

        changes.Added.ShouldBe(["c"]);
        changes.Removed.ShouldBe(["a"]);
    }

    [Fact]
    public void Compute_IdsDifferingOnlyInCase_AreDifferentMembers()
    {
        var changes = MembershipChanges.Compute(["abc"], ["ABC"]);

        changes.Added.ShouldBe(["ABC"]);
        changes.Removed.ShouldBe(["abc"]);
    }

    [Fact]
    public void Compute_NewGroup_EveryMemberAdded()
    {
        var current = Enumerable.Range(1, 250).Select(i => $"u{i}").ToList();

        var changes = MembershipChanges.Compute([], current);

        changes.Added.ShouldBe(current);
        changes.Removed.ShouldBeEmpty();
    }

    [Fact]
    public void AddBatches_MaximumPerRequest_ChunksInOrder()
    {
        var changes = MembershipChanges.Compute([], Enumerable.Range(1, 7).Select(i => $"u{i}"));

        var batches = changes.AddBatches(maximumPerRequest: 3);

        batches.Select(batch => batch.ToArray()).ShouldBe([["u1", "u2", "u3"], ["u4", "u5", "u6"], ["u7"]]);
    }

    [Fact]
    public void AddBatches_Default_HundredPerRequest()
    {
        var changes = MembershipChanges.Compute([], Enumerable.Range(1, 250).Select(i => $"u{i}"));

        changes.AddBatches().Select(batch => batch.Count).ShouldBe([100, 100, 50]);
        changes.RemoveBatches().ShouldBeEmpty();
    }

    [Fact]
    public void RemoveBatches_ZeroMaximum_Refused()
    {
        var changes = MembershipChanges.Compute(["a"], []);

        Should.Throw<ArgumentOutOfRangeException>(() => changes.RemoveBatches(0));
    }

    [Fact]
    public void Batches_WrittenAsEntrasMembershipPatches()
    {
        var changes = MembershipChanges.Compute(["f648f8d5ea4e4cd38e9c", "u0"], ["u0", "u1", "u2"]);

        ScimJson.Serialize(ScimPatchWriter.AddMembers(changes.AddBatches().Single(), ScimDialect.Default)).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"u1"},{"$ref":null,"value":"u2"}]}]}""");
        ScimJson.Serialize(ScimPatchWriter.RemoveMembers(changes.RemoveBatches().Single(), ScimDialect.Default)).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"f648f8d5ea4e4cd38e9c"}]}]}""");
    }
}
