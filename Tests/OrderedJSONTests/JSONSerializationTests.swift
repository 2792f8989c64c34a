import OrderedJSON
import Testing

@Suite("JSON serialization")
struct JSONSerializationTests {
    static let document: JSONValue = [
        "Version": "2012-10-17",
        "Statement": [["Sid": "A", "Effect": "Allow", "Action": ["s3:GetObject"], "Condition": [:]]],
        "Empty": [],
        "Numbers": [1, -2, 2.5, 3.0, nil, true, false],
    ]

    @Test("pretty output indents by two spaces, keeps member order and prints empty containers on one line")
    func pretty() {
        let expected = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "A",
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject"
                  ],
                  "Condition": {}
                }
              ],
              "Empty": [],
              "Numbers": [
                1,
                -2,
                2.5,
                3,
                null,
                true,
                false
              ]
            }
            """
        #expect(Self.document.serialized(pretty: true) == expected)
    }

    @Test("compact output has no white space")
    func compact() {
        let expected =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject"],"#
            + #""Condition":{}}],"Empty":[],"Numbers":[1,-2,2.5,3,null,true,false]}"#
        #expect(Self.document.serialized() == expected)
    }

    @Test("whole doubles below 1e15 print as integers, others in their shortest exact form, non-finite ones as null")
    func doubles() {
        let values: [JSONValue] = [
            .double(0.1), .double(-0.0), .double(1e14), .double(1e15), .double(1e17), .double(123456.789),
            .double(1.5e-7), .double(.leastNonzeroMagnitude), .double(.infinity), .double(.nan), .int(.min),
        ]
        let expected =
            "[0.1,0,100000000000000,1000000000000000.0,1e+17,123456.789,1.5e-07,5e-324,null,null,"
            + "-9223372036854775808]"
        #expect(JSONValue.array(values).serialized() == expected)
    }

    @Test("strings escape quotes, backslashes and control characters; other characters are kept")
    func strings() {
        let value: JSONValue = ["k\"\n": "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F} \\/\u{7F}é😀\u{2028}"]
        let expected = #"{"k\"\n":"\u0000\u0001\u0008\t\n\u000c\r\u001f \\/"# + "\u{7F}é😀\u{2028}\"}"
        #expect(value.serialized() == expected)
    }
}
