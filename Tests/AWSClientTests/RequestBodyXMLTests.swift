import Foundation
import OrderedJSON
import Testing

@testable import AWSClient

/// S3 request bodies written from the AWS CLI's JSON: read back through the response shapes, they give the same JSON.
@Suite("S3 request bodies")
struct RequestBodyXMLTests {
    @Test("a lifecycle configuration survives JSON → XML → JSON, lists and escaping included")
    func lifecycleRoundTrip() throws {
        let configuration: JSONValue = [
            "Rules": [
                [
                    "Expiration": ["Days": 550], "ID": "logs & <more>", "Filter": ["Prefix": "org/AWSLogs/"],
                    "Status": "Enabled",
                    "Transitions": [
                        ["Days": 90, "StorageClass": "STANDARD_IA"], ["Days": 600, "StorageClass": "GLACIER"],
                    ],
                    "NoncurrentVersionExpiration": ["NoncurrentDays": 30],
                ],
                [
                    "ID": "tagged",
                    "Filter": [
                        "And": ["Prefix": "tmp/", "Tags": [["Key": "a", "Value": "1"], ["Key": "b", "Value": "2"]]]
                    ],
                    "Status": "Disabled", "AbortIncompleteMultipartUpload": ["DaysAfterInitiation": 7],
                ],
            ]
        ]
        let xml = S3Shapes.lifecycle.xml(from: configuration, root: "LifecycleConfiguration")
        #expect(
            xml.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><Expiration><Days>550</Days></Expiration><ID>logs &amp; &lt;more&gt;</ID>"
            ))
        let back = S3Shapes.lifecycle.json(from: try XMLDocumentTree.parse(Data(xml.utf8)))
        #expect(back == configuration)
    }

    @Test("logging, ownership and encryption bodies read back as given")
    func otherBodies() throws {
        let logging: JSONValue = ["LoggingEnabled": ["TargetBucket": "acme-logs", "TargetPrefix": "trail/"]]
        #expect(
            S3Shapes.logging.json(
                from: try XMLDocumentTree.parse(
                    Data(S3Shapes.logging.xml(from: logging, root: "BucketLoggingStatus").utf8))) == logging)
        let ownership: JSONValue = ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]
        #expect(
            S3Shapes.ownershipControls.json(
                from: try XMLDocumentTree.parse(
                    Data(S3Shapes.ownershipControls.xml(from: ownership, root: "OwnershipControls").utf8))) == ownership
        )
        let encryption: JSONValue = [
            "Rules": [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"], "BucketKeyEnabled": false]]
        ]
        #expect(
            S3Shapes.encryption.json(
                from: try XMLDocumentTree.parse(
                    Data(S3Shapes.encryption.xml(from: encryption, root: "ServerSideEncryptionConfiguration").utf8)))
                == encryption)
        #expect(
            S3Shapes.logging.xml(from: [:], root: "BucketLoggingStatus").hasSuffix(
                "<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></BucketLoggingStatus>"))
    }
}
