import Testing
import TrailGateBasics

@Suite("S3 locations")
struct S3LocationTests {
    @Test("s3://bucket[/prefix] splits into bucket and a prefix without slashes at either end")
    func locations() {
        #expect(S3Location("s3://acme-trail") == S3Location("s3://acme-trail/"))
        #expect(S3Location("s3://acme-trail")?.prefix == "")
        #expect(S3Location("s3://acme-trail/cloudtrail/")?.bucket == "acme-trail")
        #expect(S3Location("s3://acme-trail//a/b//")?.prefix == "a/b")
    }

    @Test(
        "anything without s3:// and a bucket is not a location", arguments: ["s3://", "s3:///x", "acme", "S3://a", ""])
    func notLocations(_ text: String) {
        #expect(S3Location(text) == nil)
    }
}
