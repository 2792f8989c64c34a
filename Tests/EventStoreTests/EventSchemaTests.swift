import EventStore
import Testing

@Suite("events table schema")
struct EventSchemaTests {
    @Test("every column of AWS's Athena CloudTrail table exists under the same name")
    func athenaColumnNames() {
        let athena = [
            "eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress",
            "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata",
            "requestid", "eventid", "readonly", "resources", "eventtype", "apiversion", "recipientaccountid",
            "serviceeventdetails", "sharedeventid", "vpcendpointid", "vpcendpointaccountid", "eventcategory",
            "addendum", "sessioncredentialfromconsole", "edgedevicedetails", "tlsdetails",
        ]
        let names = EventSchema.columns.map(\.name)
        for name in athena { #expect(names.contains(name), "missing \(name)") }
        #expect(Set(names).count == names.count, "column names are unique")
    }
}
