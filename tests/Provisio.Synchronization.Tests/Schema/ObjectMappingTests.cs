using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Schema;

public sealed class ObjectMappingTests
{
    [Fact]
    public void New_ObjectMapping_AllowsCreateUpdateAndDeleteAsEntraDefaults()
    {
        var mapping = new ObjectMapping { Name = "Provision Microsoft Entra ID Users", SourceObjectName = "User", TargetObjectName = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" };

        mapping.FlowTypes.ShouldBe(ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete);
        mapping.Enabled.ShouldBeTrue();
        mapping.Scope.ShouldBeNull();
    }
}
