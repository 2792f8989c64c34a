import AWSClient
import Foundation
import Testing

/// What the suite and botocore do not show: the headers `sign` leaves on the request.
@Suite("SigV4 signer")
struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: AWSCredentials(
            accessKeyId: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: "token"),
        region: "us-east-1", service: "s3", options: .s3)
    let date = Date(timeIntervalSince1970: 1_440_938_160)

    @Test("the signed Host header is added when missing: lowercased, with a port that is not the default")
    func hostIsAdded() throws {
        let url = try #require(URL(string: "https://Bucket.S3.amazonaws.com:8443/key"))
        let signed = signer.sign(HTTPRequest(method: "GET", url: url), date: date)
        #expect(signed.headers.first?.name == "Host")
        #expect(signed.header("host") == "bucket.s3.amazonaws.com:8443")
        #expect(signed.header("Authorization")?.contains("SignedHeaders=host;x-amz-content-sha256;") == true)
    }

    @Test("signing a signed request again replaces its signature headers")
    func resigningReplaces() throws {
        let url = try #require(URL(string: "https://bucket.s3.amazonaws.com/key?list-type=2"))
        let once = signer.sign(HTTPRequest(method: "PUT", url: url, body: Data("body".utf8)), date: date)
        let twice = signer.sign(once, date: date)
        #expect(twice.header("Authorization") == once.header("Authorization"))
        #expect(twice.headers.map(\.name).sorted() == once.headers.map(\.name).sorted())
        #expect(
            once.headers.map(\.name)
                == ["Host", "X-Amz-Security-Token", "X-Amz-Date", "x-amz-content-sha256", "Authorization"])
    }
}
