using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Expressions.Graph;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization.Tests.Schema;

/// <summary>
/// The schema reads and writes as Graph does (STYLE.md §5). Examples from Graph's reference pages:
/// objectMapping (https://learn.microsoft.com/graph/api/resources/synchronization-objectmapping),
/// objectDefinition (https://learn.microsoft.com/graph/api/resources/synchronization-objectdefinition),
/// synchronizationSchema update (https://learn.microsoft.com/graph/api/synchronization-synchronizationschema-update),
/// and the templates list of "Configure provisioning using Microsoft Graph APIs"
/// (https://learn.microsoft.com/graph/application-provisioning-configure-api).
/// </summary>
public sealed class SynchronizationJsonTests
{
    [Fact]
    public void Deserialize_GraphObjectMappingExample_ReadsEveryField()
    {
        // Act
        var mapping = SynchronizationJson.Deserialize<ObjectMapping>(GraphExamples.Read("objectMapping-example.json"))!;

        // Assert
        mapping.Name.ShouldBe("Synchronize Azure Active Directory Users to salesforce.com");
        mapping.FlowTypes.ShouldBe(ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete);
        mapping.Scope.ShouldBeNull();
        mapping.AttributeMappings.Count.ShouldBe(14);
        mapping.Metadata[2].ShouldBe(new MetadataEntry("Disposition", "\"Normal\""));

        var isActive = mapping.AttributeMappings[0];
        isActive.TargetAttributeName.ShouldBe("IsActive");
        isActive.DefaultValue.ShouldBe("True");
        isActive.FlowBehavior.ShouldBe(AttributeFlowBehavior.FlowWhenChanged);
        isActive.FlowType.ShouldBe(AttributeFlowType.Always);
        isActive.Source!.Type.ShouldBe(AttributeMappingSourceType.Function);
        isActive.Source.Name.ShouldBe("Not");
        isActive.Source.Parameters.Single().Key.ShouldBe("source");
        isActive.Source.Parameters.Single().Value.ShouldBe(new AttributeMappingSource
        {
            Expression = "[IsSoftDeleted]", Name = "IsSoftDeleted", Parameters = isActive.Source.Parameters[0].Value.Parameters, Type = AttributeMappingSourceType.Attribute,
        });

        var constant = mapping.AttributeMappings[3];
        constant.TargetAttributeName.ShouldBe("EmailEncodingKey");
        constant.Source.ShouldBeNull();
        constant.DefaultValue.ShouldBe("ISO-8859-1");

        mapping.AttributeMappings.Single(m => m.MatchingPriority == 1).TargetAttributeName.ShouldBe("Username");
    }

    [Fact]
    public void Serialize_GraphObjectMappingExample_WritesTheSameJson()
    {
        // Arrange
        var example = GraphExamples.Node("objectMapping-example.json");
        var mapping = SynchronizationJson.Deserialize<ObjectMapping>(example.ToJsonString())!;

        // Act
        var written = JsonNode.Parse(SynchronizationJson.Serialize(mapping));

        // Assert
        JsonAssert.Equal(example, written);
    }

    [Fact]
    public void Serialize_GraphObjectDefinitionExample_WritesEveryPropertyOfIt()
    {
        // Arrange: Entra's User as Graph's objectDefinition page shows it
        var example = GraphExamples.Node("objectDefinition-example.json");
        var definition = SynchronizationJson.Deserialize<ObjectDefinition>(example.ToJsonString())!;

        // Act
        var written = JsonNode.Parse(SynchronizationJson.Serialize(definition))!;

        // Assert: the example plus the properties it leaves out (flowNullValues, supportedApis)
        JsonAssert.ContainsAll(example, written);
        definition.Attributes.Single(a => a.Anchor).Name.ShouldBe("objectId");
        definition.Attributes.Single(a => a.Name == "manager").ReferencedObjects.ShouldBe([new ReferencedObject("User")]);
        definition.Attributes.Single(a => a.Name == "proxyAddresses").Multivalued.ShouldBeTrue();
        definition.Attributes.Single(a => a.Name == "IsSoftDeleted").Type.ShouldBe(AttributeType.Boolean);
        written["attributes"]![0]!["flowNullValues"]!.GetValue<bool>().ShouldBeFalse();
        written["supportedApis"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void Deserialize_GraphTemplateList_ReadsFlagsWrittenWithoutSpaces()
    {
        // Arrange: this example writes "flowTypes": "Add,Update,Delete"
        var list = SynchronizationJson.Deserialize<GraphList<SynchronizationTemplate>>(GraphExamples.Read("synchronizationTemplate-list.json"))!;

        // Act
        var template = list.Value.Single();

        // Assert
        template.Id.ShouldBe("aWSSingleSignon");
        template.ApplicationId.ShouldBe(Guid.Parse("21ed01d2-ec13-4e9e-86c1-cd546719ebc4"));
        template.Default.ShouldBeTrue();
        template.Description.ShouldBeNull();
        template.Metadata[5].Value.ShouldBe("[{\"name\":\"baseaddress\"},{\"name\":\"secrettoken\",\"secret\":true}]");
        var rule = template.Schema!.SynchronizationRules.Single();
        rule.Id.ShouldBe("03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8");
        rule.Priority.ShouldBe(1);
        var groups = rule.ObjectMappings.Single();
        groups.FlowTypes.ShouldBe(ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete);
        groups.TargetObjectName.ShouldBe("urn:ietf:params:scim:schemas:core:2.0:Group");
        SynchronizationJson.Serialize(groups).ShouldContain("\"flowTypes\":\"Add, Update, Delete\"");
    }

    [Fact]
    public void Deserialize_GraphSchemaUpdateExample_ReadsTheCustomAttributeAndIgnoresUnknownProperties()
    {
        // Act: the request adds a custom SCIM attribute; "apiExpressions" is not in Graph's v1.0 attributeDefinition
        var schema = JsonSerializer.Deserialize<SchemaDirectories>(GraphExamples.Read("synchronizationSchema-update-customattribute.json"), SynchronizationJson.Options)!;

        // Assert
        var directory = schema.Directories.Single();
        directory.Id.ShouldBe("09760868-cafb-47ac-9031-0a3262300427");
        directory.Name.ShouldBe("customappsso");
        var attribute = directory.Objects.Single().Attributes.Single();
        attribute.Name.ShouldBe("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute");
        attribute.Mutability.ShouldBe(Mutability.ReadWrite);
        attribute.Type.ShouldBe(AttributeType.String);
    }

    [Fact]
    public void Serialize_NewObjectMapping_WritesNullsEnumsAndFlagsAsGraphDoes()
    {
        // Arrange
        var mapping = new ObjectMapping
        {
            Name = "Provision Microsoft Entra ID Groups", SourceObjectName = "Group", TargetObjectName = "urn:ietf:params:scim:schemas:core:2.0:Group",
            FlowTypes = ObjectFlowTypes.Add | ObjectFlowTypes.Update,
            AttributeMappings = [new AttributeMapping { TargetAttributeName = "displayName", Source = new() { Expression = "[displayName]", Name = "displayName" }, MatchingPriority = 1 }],
        };

        // Act
        var json = SynchronizationJson.Serialize(mapping);

        // Assert
        json.ShouldBe("""{"name":"Provision Microsoft Entra ID Groups","enabled":true,"flowTypes":"Add, Update","sourceObjectName":"Group","targetObjectName":"urn:ietf:params:scim:schemas:core:2.0:Group","attributeMappings":[{"targetAttributeName":"displayName","source":{"expression":"[displayName]","name":"displayName","parameters":[],"type":"Attribute"},"defaultValue":null,"exportMissingReferences":false,"flowBehavior":"FlowWhenChanged","flowType":"Always","matchingPriority":1}],"scope":null,"metadata":[]}""");
    }

    [Theory]
    [InlineData("\"string\"", AttributeType.String)]
    [InlineData("\"REFERENCE\"", AttributeType.Reference)]
    [InlineData("\"Boolean\"", AttributeType.Boolean)]
    public void Deserialize_EnumInAnyCase_ReadsIt(string json, AttributeType expected) =>
        JsonSerializer.Deserialize<AttributeType>(json, SynchronizationJson.Options).ShouldBe(expected);

    [Theory]
    [InlineData("2")]
    [InlineData("\"Sideways\"")]
    public void Deserialize_EnumNotByGraphName_Throws(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<AttributeType>(json, SynchronizationJson.Options));

    [Theory]
    [InlineData("\"Add,Update,Delete\"", ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete)]
    [InlineData("\"Add, Update, Delete\"", ObjectFlowTypes.Add | ObjectFlowTypes.Update | ObjectFlowTypes.Delete)]
    [InlineData("\"Update\"", ObjectFlowTypes.Update)]
    [InlineData("\"None\"", ObjectFlowTypes.None)]
    public void Deserialize_FlowTypes_ReadsFlags(string json, ObjectFlowTypes expected) =>
        JsonSerializer.Deserialize<ObjectFlowTypes>(json, SynchronizationJson.Options).ShouldBe(expected);

    [Fact]
    public void Serialize_Timestamps_WritesUtcWithZAndOnlyTheFractionDigitsNeeded()
    {
        // Arrange
        var definition = new DirectoryDefinition { Id = "d", Name = "customappsso", DiscoveryDateTime = new DateTimeOffset(2021, 5, 24, 23, 45, 53, TimeSpan.FromHours(2)).AddTicks(6330529) };

        // Act
        var json = JsonNode.Parse(SynchronizationJson.Serialize(definition))!;

        // Assert
        json["discoveryDateTime"]!.GetValue<string>().ShouldBe("2021-05-24T21:45:53.6330529Z");
        SynchronizationJson.Serialize(DateTimeOffset.MinValue).ShouldBe("\"0001-01-01T00:00:00Z\"");
        SynchronizationJson.Deserialize<DateTimeOffset>("\"2014-01-01T02:00:00+02:00\"").ShouldBe(new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Options_AreReadOnly() =>
        Should.Throw<InvalidOperationException>(() => SynchronizationJson.Options.WriteIndented = true);

    private sealed record GraphList<T>(IReadOnlyList<T> Value);

    private sealed record SchemaDirectories(IReadOnlyList<DirectoryDefinition> Directories);
}
