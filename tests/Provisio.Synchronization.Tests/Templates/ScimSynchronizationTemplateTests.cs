using System.Text.Json.Nodes;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Graph;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization.Tests.Templates;

/// <summary>The <c>scim</c> template's default schema is Entra's for a non-gallery SCIM app (reference entra-expressions-and-scim B.12).</summary>
public sealed class ScimSynchronizationTemplateTests
{
    private static SynchronizationSchema Schema => ScimSynchronizationTemplate.Template.Schema!;

    private static ObjectMapping Users => Schema.SynchronizationRules.Single().ObjectMappings.Single(m => m.SourceObjectName == "User");

    private static ObjectMapping Groups => Schema.SynchronizationRules.Single().ObjectMappings.Single(m => m.SourceObjectName == "Group");

    [Fact]
    public void Template_IsTheScimTemplateOfTheNonGalleryApplication()
    {
        // Act
        var template = ScimSynchronizationTemplate.Template;

        // Assert: INTERFACES.md
        template.Id.ShouldBe("scim");
        template.ApplicationId.ShouldBe(Guid.Parse("8adf8e6e-67b2-4cf2-a259-e3dc5476c621"));
        template.Default.ShouldBeTrue();
        template.Discoverable.ShouldBeTrue();
        template.FactoryTag.ShouldBe("scim");
        template.Schema!.Id.ShouldBe("scim.00000000000000000000000000000000");
    }

    [Fact]
    public void Rule_IsEntrasOutboundUserAndGroupRule()
    {
        // Act
        var rule = Schema.SynchronizationRules.Single();

        // Assert
        rule.Id.ShouldBe("03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8");
        rule.Name.ShouldBe("USERGROUP_OUTBOUND_USERGROUP");
        rule.Priority.ShouldBe(1);
        rule.Editable.ShouldBeTrue();
        rule.SourceDirectoryName.ShouldBe("Azure Active Directory");
        rule.TargetDirectoryName.ShouldBe("customappsso");
        rule.Metadata.ShouldBe([new MetadataEntry("supportsProvisionOnDemand", "true")]);
        rule.ObjectMappings.Select(m => (m.Name, m.SourceObjectName, m.TargetObjectName, m.Enabled, m.FlowTypes, m.Scope)).ShouldBe(
        [
            ("Provision Microsoft Entra ID Groups", "Group", "urn:ietf:params:scim:schemas:core:2.0:Group", true, ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete, null),
            ("Provision Microsoft Entra ID Users", "User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", true, ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete, null),
        ]);
    }

    [Theory]
    [InlineData("User", "userName")]
    [InlineData("Group", "displayName")]
    public void ObjectMappings_CarryTheMetadataOfGraphsExamples(string sourceObject, string joiningProperty)
    {
        // Act
        var metadata = Schema.SynchronizationRules.Single().ObjectMappings.Single(m => m.SourceObjectName == sourceObject).Metadata;

        // Assert: Graph's objectMapping example and the AWS template dump (reference entra-engine-and-api §5.2)
        metadata.ShouldBe(
        [
            new MetadataEntry("IsCustomerDefined", "false"),
            new MetadataEntry("DisableMonitoringForChanges", "false"),
            new MetadataEntry("Disposition", "\"Normal\""),
            new MetadataEntry("ExcludeFromReporting", "false"),
            new MetadataEntry("EscrowBehavior", "\"Default\""),
            new MetadataEntry("Unsynchronized", "false"),
            new MetadataEntry("OriginalJoiningProperty", joiningProperty),
        ]);
    }

    [Fact]
    public void UserMapping_HasEntrasDefaultAttributeMappingsInOrder()
    {
        // Act
        var mappings = Users.AttributeMappings.Select(m => (m.TargetAttributeName, m.Source!.Expression)).ToArray();

        // Assert: B.12, row by row
        mappings.ShouldBe(
        [
            ("userName", "[userPrincipalName]"),
            ("active", "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")"),
            ("displayName", "[displayName]"),
            ("title", "[jobTitle]"),
            ("emails[type eq \"work\"].value", "[mail]"),
            ("preferredLanguage", "[preferredLanguage]"),
            ("name.givenName", "[givenName]"),
            ("name.familyName", "[surname]"),
            ("name.formatted", "Join(\" \", [givenName], [surname])"),
            ("addresses[type eq \"work\"].formatted", "[physicalDeliveryOfficeName]"),
            ("addresses[type eq \"work\"].streetAddress", "[streetAddress]"),
            ("addresses[type eq \"work\"].locality", "[city]"),
            ("addresses[type eq \"work\"].region", "[state]"),
            ("addresses[type eq \"work\"].postalCode", "[postalCode]"),
            ("addresses[type eq \"work\"].country", "[country]"),
            ("phoneNumbers[type eq \"work\"].value", "[telephoneNumber]"),
            ("phoneNumbers[type eq \"mobile\"].value", "[mobile]"),
            ("phoneNumbers[type eq \"fax\"].value", "[facsimileTelephoneNumber]"),
            ("externalId", "[mailNickname]"),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "[employeeId]"),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "[department]"),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "[manager]"),
        ]);
    }

    [Fact]
    public void GroupMapping_MatchesOnDisplayNameAndMapsObjectIdAndMembers() =>
        Groups.AttributeMappings.Select(m => (m.TargetAttributeName, m.Source!.Expression, m.MatchingPriority)).ShouldBe(
        [
            ("displayName", "[displayName]", 1),
            ("externalId", "[objectId]", 0),
            ("members", "[members]", 0),
        ]);

    [Fact]
    public void Mappings_FlowAlwaysWhenChangedWithoutDefaultsAndMatchOnUserNameOnly()
    {
        // Assert
        var all = Users.AttributeMappings.Concat(Groups.AttributeMappings).ToArray();
        all.ShouldAllBe(m => m.FlowType == AttributeFlowType.Always && m.FlowBehavior == AttributeFlowBehavior.FlowWhenChanged
            && m.DefaultValue == null && !m.ExportMissingReferences);
        Users.AttributeMappings.Where(m => m.MatchingPriority > 0).Select(m => (m.TargetAttributeName, m.MatchingPriority)).ShouldBe([("userName", 1)]);
    }

    [Fact]
    public void ActiveMapping_IsWrittenInGraphsParsedForm()
    {
        // Arrange
        var active = Users.AttributeMappings.Single(m => m.TargetAttributeName == "active");

        // Act
        var json = JsonNode.Parse(SynchronizationJson.Serialize(active));

        // Assert: the omitted default of Switch is left out, keys are the parameters' names (reference A.1.1)
        JsonAssert.Equal(JsonNode.Parse("""
            {
              "targetAttributeName": "active",
              "source": {
                "expression": "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")",
                "name": "Switch",
                "parameters": [
                  { "key": "source", "value": { "expression": "[IsSoftDeleted]", "name": "IsSoftDeleted", "parameters": [], "type": "Attribute" } },
                  { "key": "key", "value": { "expression": "\"False\"", "name": "False", "parameters": [], "type": "Constant" } },
                  { "key": "value", "value": { "expression": "\"True\"", "name": "True", "parameters": [], "type": "Constant" } },
                  { "key": "key", "value": { "expression": "\"True\"", "name": "True", "parameters": [], "type": "Constant" } },
                  { "key": "value", "value": { "expression": "\"False\"", "name": "False", "parameters": [], "type": "Constant" } }
                ],
                "type": "Function"
              },
              "defaultValue": null,
              "exportMissingReferences": false,
              "flowBehavior": "FlowWhenChanged",
              "flowType": "Always",
              "matchingPriority": 0
            }
            """), json);
    }

    [Fact]
    public void Mappings_ReadOnlySourceAttributesTheEntraDirectoryDefines()
    {
        // Arrange
        var source = Schema.Directories.Single(d => d.Name == Schema.SynchronizationRules.Single().SourceDirectoryName);

        foreach (var mapping in new[] { Users, Groups })
        {
            var definition = source.Objects.Single(o => o.Name == mapping.SourceObjectName);
            foreach (var attribute in mapping.AttributeMappings)
            {
                // Act
                var compiled = ExpressionCompiler.Compile(AttributeMappingSourceConverter.FromGraph(attribute.Source!).Tree!);

                // Assert
                compiled.Error.ShouldBeNull(attribute.TargetAttributeName);
                compiled.Expression!.AttributeNames.ShouldAllBe(name => definition.Attributes.Any(a => a.Name == name), attribute.TargetAttributeName);
            }
        }
    }

    [Fact]
    public void Mappings_WriteOnlyTargetAttributesTheScimDirectoryDefines()
    {
        // Arrange
        var target = Schema.Directories.Single(d => d.Name == Schema.SynchronizationRules.Single().TargetDirectoryName);

        foreach (var mapping in new[] { Users, Groups })
        {
            // Act
            var definition = target.Objects.Single(o => o.Name == mapping.TargetObjectName);

            // Assert
            mapping.AttributeMappings.ShouldAllBe(m => definition.Attributes.Any(a => a.Name == m.TargetAttributeName));
            mapping.AttributeMappings.ShouldNotContain(m => m.TargetAttributeName == "id", "the target's key must not be mapped (reference §1.7)");
        }
    }

    [Fact]
    public void SourceDirectory_IsEntrasWithItsUserAndGroup()
    {
        // Act
        var source = Schema.Directories[0];

        // Assert: Graph's objectDefinition example of Entra's User
        source.Name.ShouldBe("Azure Active Directory");
        source.Objects.Select(o => o.Name).ShouldBe(["User", "Group"]);
        var user = source.Objects[0];
        user.Attributes.Where(a => a.Anchor).Select(a => a.Name).ShouldBe(["objectId"]);
        Attribute(user, "IsSoftDeleted").ShouldSatisfyAllConditions(a => a.Type.ShouldBe(AttributeType.Boolean), a => a.Required.ShouldBeTrue());
        Attribute(user, "accountEnabled").Type.ShouldBe(AttributeType.Boolean);
        Attribute(user, "manager").ShouldSatisfyAllConditions(a => a.Type.ShouldBe(AttributeType.Reference), a => a.ReferencedObjects.ShouldBe([new ReferencedObject("User")]));
        Attribute(user, "proxyAddresses").Multivalued.ShouldBeTrue();
        Attribute(user, "extensionAttribute15").Type.ShouldBe(AttributeType.String);
        user.Metadata.ShouldBe(
        [
            new MetadataEntry("IsSoftDeletionSupported", "true"), new MetadataEntry("ConnectorDataStorageRequired", "true"),
            new MetadataEntry("IsSynchronizeAllSupported", "true"), new MetadataEntry("PropertyNameAccountEnabled", "accountEnabled"),
            new MetadataEntry("PropertyNameSoftDeleted", "IsSoftDeleted"),
        ]);
        var group = source.Objects[1];
        group.Attributes.Where(a => a.Anchor).Select(a => a.Name).ShouldBe(["objectId"]);
        Attribute(group, "members").ShouldSatisfyAllConditions(
            a => a.Type.ShouldBe(AttributeType.Reference), a => a.Multivalued.ShouldBeTrue(),
            a => a.ReferencedObjects.ShouldBe([new ReferencedObject("User"), new ReferencedObject("Group")]));
    }

    [Fact]
    public void SourceDirectory_IsBuiltFromTheListTheSourceAttributesRead()
    {
        // Assert: one list, no copies
        Schema.Directories[0].ShouldBeSameAs(EntraSourceDirectory.Definition);
        EntraSourceDirectory.Definition.Objects[0].Attributes.Select(a => a.Name).ShouldBe(EntraSourceObject.User.Attributes.Select(a => a.Name));
        EntraSourceDirectory.Definition.Objects[1].Attributes.Select(a => a.Name).ShouldBe(EntraSourceObject.Group.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void TargetDirectory_IsScimWithEnterpriseUserAndGroup()
    {
        // Act
        var target = Schema.Directories[1];

        // Assert
        target.Name.ShouldBe("customappsso");
        target.Objects.Select(o => o.Name).ShouldBe(["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"]);
        var user = target.Objects[0];
        user.Attributes.Where(a => a.Required).Select(a => a.Name).ShouldBe(["userName"]);
        user.Attributes.Where(a => a.Anchor).Select(a => a.Name).ShouldBe(["id"]);
        Attribute(user, "active").Type.ShouldBe(AttributeType.Boolean);
        Attribute(user, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager").ShouldSatisfyAllConditions(
            a => a.Type.ShouldBe(AttributeType.Reference),
            a => a.ReferencedObjects.ShouldBe([new ReferencedObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")]));
        var group = target.Objects[1];
        Attribute(group, "displayName").Required.ShouldBeTrue();
        Attribute(group, "members").ShouldSatisfyAllConditions(a => a.Type.ShouldBe(AttributeType.Reference), a => a.Multivalued.ShouldBeTrue());
    }

    [Fact]
    public void Serialize_Template_RoundTripsThroughGraphJson()
    {
        // Arrange
        var json = SynchronizationJson.Serialize(ScimSynchronizationTemplate.Template);

        // Act
        var again = SynchronizationJson.Serialize(SynchronizationJson.Deserialize<SynchronizationTemplate>(json));

        // Assert
        JsonAssert.Equal(JsonNode.Parse(json), JsonNode.Parse(again));
        var node = JsonNode.Parse(json)!;
        node["default"]!.GetValue<bool>().ShouldBeTrue();
        node["description"].ShouldBeNull();
        node["schema"]!["synchronizationRules"]![0]!["objectMappings"]![1]!["flowTypes"]!.GetValue<string>().ShouldBe("Add, Update, Delete");
    }

    [Fact]
    public void CreateSchema_JobId_IsTheDefaultSchemaUnderThatId()
    {
        // Act
        var schema = ScimSynchronizationTemplate.CreateSchema("scim.e4bbf44533ea4eabb17027f3a92e92aa");

        // Assert
        schema.Id.ShouldBe("scim.e4bbf44533ea4eabb17027f3a92e92aa");
        schema.SynchronizationRules.ShouldBe(Schema.SynchronizationRules);
        schema.Directories.ShouldBe(Schema.Directories);
    }

    private static AttributeDefinition Attribute(ObjectDefinition definition, string name) => definition.Attributes.Single(a => a.Name == name);
}
