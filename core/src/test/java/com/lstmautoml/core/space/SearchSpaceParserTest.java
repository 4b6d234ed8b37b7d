package com.lstmautoml.core.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchSpaceParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static SearchSpace parse(String s) {
        return SearchSpaceParser.parse(json(s), SpaceLimits.DEFAULT, false);
    }

    private static List<FieldError> errors(String s, boolean grid) {
        ValidationException e = catchThrowableOfType(
                () -> SearchSpaceParser.parse(json(s), SpaceLimits.DEFAULT, grid), ValidationException.class);
        // invalid input must be rejected with a ValidationException
        assertThat(e).as("expected a ValidationException for %s", s).isNotNull();
        return e.errors();
    }

    private static List<String> fields(String s) {
        return errors(s, false).stream().map(FieldError::field).toList();
    }

    @Test
    void omittedKeysTakeTheDocumentedDefaults() {
        SearchSpace space = parse("{'units':{'type':'int','min':4,'max':8}}");
        // a given key is used as given
        assertThat(space.units()).isEqualTo(new IntRange(4, 8, null));
        // omitted keys take the defaults of SearchSpace (random search: log-uniform learning rate)
        assertThat(space.layers()).isEqualTo(new IntRange(1, 2, null));
        assertThat(space.lookBack()).isEqualTo(new IntRange(1, 12, null));
        assertThat(space.dropout()).isEqualTo(new FloatRange(0, 0.3, false, 0.1));
        assertThat(space.batchSize()).isEqualTo(new Choice(List.of(16, 32)));
        assertThat(space.learningRate()).isEqualTo(new FloatRange(1e-3, 1e-2, true, null));
    }

    @Test
    void missingOrNullSpaceIsAllDefaults() {
        // no searchSpace at all means the default space
        assertThat(SearchSpaceParser.parse(null, SpaceLimits.DEFAULT, false)).isEqualTo(SearchSpace.defaults(false));
        // JSON null is the same as absent
        assertThat(SearchSpaceParser.parse(json("null"), SpaceLimits.DEFAULT, true)).isEqualTo(SearchSpace.defaults(true));
    }

    @Test
    void gridDefaultsAreGriddable() {
        SearchSpace grid = SearchSpaceParser.parse(json("{}"), SpaceLimits.DEFAULT, true);
        // grid defaults must be finite lists, else an empty request could never grid-search
        assertThat(grid.isGriddable()).isTrue();
        // grid size is the product of list sizes: units 8 x layers 2 x lookBack 12 x dropout 4 x batch 2 x lr 3
        assertThat(grid.gridSize()).isEqualTo(8L * 2 * 12 * 4 * 2 * 3);
    }

    @Test
    void validFormsParse() {
        SearchSpace s = parse("{'units':{'type':'int','min':8,'max':32,'step':8},"
                + "'layers':{'type':'choice','values':[1,3]},"
                + "'lookBack':{'type':'int','min':6,'max':6},"
                + "'dropout':{'type':'choice','values':[0,0.25]},"
                + "'batchSize':{'type':'choice','values':[8.0]},"
                + "'learningRate':{'type':'float','min':0.01,'max':0.05,'step':0.01}}");
        // int range with step
        assertThat(s.units().discreteValues()).containsExactly(8, 16, 24, 32);
        // choice of an int key holds Integers
        assertThat(s.layers()).isEqualTo(new Choice(List.of(1, 3)));
        // choice of a float key holds Doubles even when written as 0
        assertThat(s.dropout()).isEqualTo(new Choice(List.of(0.0, 0.25)));
        // 8.0 is a whole number and accepted for an int key
        assertThat(s.batchSize()).isEqualTo(new Choice(List.of(8)));
        // float steps are exact decimals, max included
        assertThat(s.learningRate().discreteValues()).containsExactly(0.01, 0.02, 0.03, 0.04, 0.05);
        // largest lookBack of the space
        assertThat(s.maxLookBack()).isEqualTo(6);
    }

    @Test
    void maxLookBackRespectsStepAndChoices() {
        // with a step the largest reachable value is below max: 1, 4, 7, 10
        assertThat(parse("{'lookBack':{'type':'int','min':1,'max':12,'step':3}}").maxLookBack()).isEqualTo(10);
        // for a choice it is the largest value, wherever it is in the list
        assertThat(parse("{'lookBack':{'type':'choice','values':[24,3,12]}}").maxLookBack()).isEqualTo(24);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // unknown key
            "{'epochs':{'type':'int','min':1,'max':3}} | searchSpace.epochs",
            // unknown type
            "{'units':{'type':'range','min':1,'max':3}} | searchSpace.units.type",
            // missing type
            "{'units':{'min':1,'max':3}} | searchSpace.units.type",
            // spec not an object
            "{'units':5} | searchSpace.units",
            // missing min
            "{'units':{'type':'int','max':3}} | searchSpace.units.min",
            // missing max
            "{'dropout':{'type':'float','min':0}} | searchSpace.dropout.max",
            // min > max
            "{'units':{'type':'int','min':64,'max':8}} | searchSpace.units.min",
            // non-numeric
            "{'units':{'type':'int','min':'eight','max':64}} | searchSpace.units.min",
            // int type given a fraction
            "{'lookBack':{'type':'int','min':1,'max':2.5}} | searchSpace.lookBack.max",
            // empty choice
            "{'batchSize':{'type':'choice','values':[]}} | searchSpace.batchSize.values",
            // choice without values
            "{'batchSize':{'type':'choice'}} | searchSpace.batchSize.values",
            // duplicate choice
            "{'batchSize':{'type':'choice','values':[16,32,16]}} | searchSpace.batchSize.values[2]",
            // non-numeric choice
            "{'batchSize':{'type':'choice','values':[16,'x']}} | searchSpace.batchSize.values[1]",
            // units < 1
            "{'units':{'type':'int','min':0,'max':8}} | searchSpace.units.min",
            // layers < 1
            "{'layers':{'type':'choice','values':[0,1]}} | searchSpace.layers.values[0]",
            // lookBack < 1
            "{'lookBack':{'type':'int','min':-2,'max':8}} | searchSpace.lookBack.min",
            // batchSize < 1
            "{'batchSize':{'type':'int','min':0,'max':8}} | searchSpace.batchSize.min",
            // dropout below 0
            "{'dropout':{'type':'float','min':-0.1,'max':0.2}} | searchSpace.dropout.min",
            // dropout of 1 or more
            "{'dropout':{'type':'float','min':0,'max':1}} | searchSpace.dropout.max",
            // learningRate <= 0
            "{'learningRate':{'type':'float','min':0,'max':0.1}} | searchSpace.learningRate.min",
            // log scale with min <= 0 (dropout 0 is otherwise fine)
            "{'dropout':{'type':'float','min':0,'max':0.5,'log':true}} | searchSpace.dropout.min",
            // log not a boolean
            "{'learningRate':{'type':'float','min':0.001,'max':0.1,'log':'yes'}} | searchSpace.learningRate.log",
            // int step <= 0
            "{'units':{'type':'int','min':1,'max':8,'step':0}} | searchSpace.units.step",
            // float step <= 0
            "{'dropout':{'type':'float','min':0,'max':0.5,'step':-0.1}} | searchSpace.dropout.step",
            // step combined with log
            "{'learningRate':{'type':'float','min':0.001,'max':0.1,'log':true,'step':0.01}} | searchSpace.learningRate.step",
            // choice value of the wrong type for the key
            "{'units':{'type':'choice','values':[8,2.5]}} | searchSpace.units.values[1]",
            // float type on an integer key
            "{'units':{'type':'float','min':1,'max':8}} | searchSpace.units.type",
            // int type on a float key
            "{'dropout':{'type':'int','min':0,'max':0}} | searchSpace.dropout.type",
            // property that the type does not have
            "{'units':{'type':'int','min':1,'max':8,'log':true}} | searchSpace.units.log",
            // cap: units
            "{'units':{'type':'int','min':8,'max':2048}} | searchSpace.units.max",
            // cap: layers
            "{'layers':{'type':'int','min':1,'max':9}} | searchSpace.layers.max",
            // cap: lookBack
            "{'lookBack':{'type':'choice','values':[12,513]}} | searchSpace.lookBack.values[1]",
            // cap: batchSize
            "{'batchSize':{'type':'choice','values':[5000]}} | searchSpace.batchSize.values[0]",
            // a step that would list too many values
            "{'dropout':{'type':'float','min':0,'max':0.5,'step':1e-9}} | searchSpace.dropout.step",
            // not an object at all
            "[1,2] | searchSpace",
    })
    void invalidInputIsReportedAtItsField(String input, String field) {
        List<FieldError> errors = errors(input, false);
        // the error names the JSON path of the offending field, and it is the only error
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        // messages are not empty
        assertThat(errors.get(0).message()).isNotBlank();
    }

    @Test
    void messagesSayWhatIsAllowed() {
        // unknown key lists the allowed keys
        assertThat(errors("{'epochs':{}}", false).get(0).message())
                .contains("units, layers, lookBack, dropout, batchSize, learningRate");
        // unknown type lists the allowed types
        assertThat(errors("{'units':{'type':'range'}}", false).get(0).message()).contains("int, float, choice");
    }

    @Test
    void gridSearchNeedsFiniteLists() {
        List<FieldError> errors = errors("{'dropout':{'type':'float','min':0,'max':0.5}}", true);
        // a continuous float range cannot be grid-searched; the message says what to do
        assertThat(errors).containsExactly(new FieldError("searchSpace.dropout",
                "grid search needs a step or a list of values for searchSpace.dropout: add \"step\" or use "
                        + "{\"type\":\"choice\",\"values\":[...]}"));
        // the same range is fine for random search
        assertThat(parse("{'dropout':{'type':'float','min':0,'max':0.5}}").dropout().isDiscrete()).isFalse();
        // a log range cannot be gridded either
        assertThat(errors("{'learningRate':{'type':'float','min':0.001,'max':0.1,'log':true}}", true))
                .extracting(FieldError::field).containsExactly("searchSpace.learningRate");
    }

    @Test
    void gridSearchRejectsHugeGrids() {
        String huge = "{'units':{'type':'int','min':1,'max':1024},'lookBack':{'type':'int','min':1,'max':512}}";
        // 1024 x 512 x defaults is far above MAX_GRID_SIZE
        assertThat(errors(huge, true)).extracting(FieldError::field).containsExactly("searchSpace");
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        List<String> fields = fields("{'units':{'type':'int','min':0,'max':2.5},"
                + "'color':{'type':'choice','values':[1]},"
                + "'batchSize':{'type':'choice','values':[]},"
                + "'dropout':{'type':'float','min':0.5,'max':0.1},"
                + "'learningRate':{'type':'magic'}}");
        // every problem of every key is listed in one exception
        assertThat(fields).containsExactlyInAnyOrder("searchSpace.color", "searchSpace.units.min",
                "searchSpace.units.max", "searchSpace.batchSize.values", "searchSpace.dropout.min",
                "searchSpace.learningRate.type");
    }

    @Test
    void customLimitsApply() {
        SpaceLimits tight = new SpaceLimits(16, 1, 6, 8);
        List<FieldError> errs = catchThrowableOfType(() -> SearchSpaceParser.parse(
                json("{'units':{'type':'int','min':8,'max':32}}"), tight, false), ValidationException.class).errors();
        // units above the configured cap of 16
        assertThat(errs).extracting(FieldError::field).containsExactly("searchSpace.units.max");
        // the message names the cap
        assertThat(errs.get(0).message()).contains("16");
    }

    @Test
    void defaultsAreCutDownToTheCaps() {
        SearchSpace s = SearchSpaceParser.parse(json("{}"), new SpaceLimits(20, 1, 6, 8), false);
        // default units 8..64 step 8 capped at 20 keeps the step grid: 8, 16
        assertThat(s.units()).isEqualTo(new IntRange(8, 16, 8));
        // default layers 1..2 capped at 1
        assertThat(s.layers()).isEqualTo(new IntRange(1, 1, null));
        // default lookBack 1..12 capped at 6
        assertThat(s.maxLookBack()).isEqualTo(6);
        // default batch sizes [16, 32] all above the cap of 8: the cap itself
        assertThat(s.batchSize()).isEqualTo(new Choice(List.of(8)));
    }

    @Test
    void jsonRoundTrip() throws Exception {
        SearchSpace space = parse("{'units':{'type':'int','min':8,'max':32,'step':8},"
                + "'layers':{'type':'choice','values':[1,3]},"
                + "'dropout':{'type':'float','min':0,'max':0.4},"
                + "'learningRate':{'type':'float','min':0.0001,'max':0.1,'log':true}}");
        String stored = MAPPER.writeValueAsString(space);
        // Jackson writes the documented JSON form
        assertThat(MAPPER.readTree(stored).get("units")).isEqualTo(json("{'type':'int','min':8,'max':32,'step':8}"));
        // the float form always states log
        assertThat(MAPPER.readTree(stored).get("dropout")).isEqualTo(json("{'type':'float','min':0.0,'max':0.4,'log':false}"));
        // reading the stored form back gives an equal space (ObjectMapper)
        assertThat(MAPPER.readValue(stored, SearchSpace.class)).isEqualTo(space);
        // and through toJson/fromJson
        assertThat(SearchSpace.fromJson(space.toJson())).isEqualTo(space);
        // the stored form parses again as a request
        assertThat(SearchSpaceParser.parse(space.toJson(), SpaceLimits.DEFAULT, false)).isEqualTo(space);
    }
}
